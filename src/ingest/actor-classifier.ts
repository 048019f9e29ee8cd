/**
 * Reads who an actor is from the way peace-agreement texts and event records name them — "For the
 * Government of Norway", "Pour les NATIONS-UNIES", "EGLISE CATHOLIQUE", "Witnessed by:" — and says
 * which sector and track that is, or that the text names no actor, or that we cannot tell. English,
 * French and some Spanish; case, accents, punctuation and spacing do not matter.
 *
 * Ordered rules, strongest first (titles and offices before topic words, so that a Minister of
 * Information is government, not media):
 *   A. offices of state: ministers, heads of state (kings, emirs), diplomats, governors and mayors,
 *      legislators, judges, "government";
 *   B. organisations: the Phoenix actor dictionary (IGOs, NGOs, companies), intergovernmental bodies,
 *      named mediation NGOs and faith bodies, churches, armed groups, parties, NGOs, foundations, donors;
 *   C. personal titles: clergy, military ranks and forces, scholars, traditional rulers;
 *   D. sector words: civil society, private sector, media, women and youth, unions, opposition;
 *   E. forms of organisation that say little more than "non-governmental": association, forum, network;
 *   F. agent words of the Phoenix agents dictionary (PRESIDENT, FARMER, REFUGEE …);
 *   G. states: country names, official and French names, demonyms, capitals, "republic", "H.E.";
 *   H. last: generic persons (PEOPLE, PERSONS [~PPL]).
 * The first tier with a match decides; within a tier the longest match, then the first — except for
 * the agent words, where the head of the English noun phrase decides ("Moslem forces" are forces,
 * "Palestinian refugees" refugees). An office held before ("former President", "ex-ministre") makes a
 * former official, Track 2 (domain.md §2: retired officials and diplomats).
 *
 * Also: `splitThirdParties` (a PA-X `ThrdPart` field → one text per party), and the evaluations on
 * the PLOVER gold records and on PA-X third parties that bench/evaluate-actors.ts prints.
 */
import worldCountries, { type Countries } from 'world-countries';
import type { SectorId } from '../domain/sector.js';
import type { TrackId } from '../domain/track.js';
import {
  foldText,
  loadPhoenixDictionaries,
  phoenixCodeOn,
  sectorOfCameoCode,
  sectorOfPloverActor,
  trackOfSector,
  type PhoenixDictionaries,
} from './cameo-sectors.js';

export type ActorStatus = 'classified' | 'no-actor' | 'unknown';

export interface ActorClassification {
  /** The track, or null when the text names no actor, we cannot tell, or the sector has no track. */
  readonly track: TrackId | null;
  readonly sector: SectorId | null;
  readonly status: ActorStatus;
  readonly reason: string;
}

export interface ClassifyOptions {
  /** YYYY-MM-DD: picks the code a dated Phoenix entry had then (Kofi Annan: UN 1997–2006, later ELI). */
  readonly date?: string;
}

export interface ActorClassifier {
  classify(text: string, options?: ClassifyOptions): ActorClassification;
  /** The dictionaries in use (null when running on the built-in rules alone). */
  readonly dictionaries: PhoenixDictionaries | null;
}

// ---------------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------------

interface Token {
  /** folded (foldText) */
  readonly w: string;
  /** as written */
  readonly raw: string;
  /** start offset of w in the folded text */
  readonly at: number;
}

interface Tokenised {
  readonly tokens: readonly Token[];
  /** tokens' w joined by single spaces */
  readonly folded: string;
  /**
   * The text mixes upper and lower case, so capitals carry information: a one-word name must then be
   * capitalised ("Chad", not "chad") and an acronym written in capitals. An all-capitals or all-lower
   * text says nothing by its case, and the same words read the same in it.
   */
  readonly caseInformative: boolean;
}

const MAX_TEXT = 20_000;

function tokenise(text: string): Tokenised {
  const tokens: Token[] = [];
  let folded = '';
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    for (const w of foldText(m[0]).split(' ')) {
      if (!w) continue;
      if (folded) folded += ' ';
      tokens.push({ w, raw: m[0], at: folded.length });
      folded += w;
    }
  }
  const letters = text.replace(/[^\p{L}]/gu, '');
  const caseInformative = letters !== letters.toUpperCase() && letters !== letters.toLowerCase();
  return { tokens, folded, caseInformative };
}

// ---------------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------------

type Tier = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H';
const TIER_ORDER: readonly Tier[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

interface Rule {
  readonly tier: Tier;
  /** 'unknown': the words name no one actor ("the international community") */
  readonly status?: 'unknown';
  readonly re: RegExp;
  /** null: an actor whose sector names no track (a political party, refugees …) */
  readonly sector: SectorId | null;
  readonly reason: string;
}

interface Candidate {
  readonly tier: Tier;
  readonly status?: 'unknown';
  /** an office or title a person holds, which "former" can qualify (not a state or organisation name) */
  readonly office?: boolean;
  readonly start: number;
  readonly length: number;
  readonly sector: SectorId | null;
  readonly reason: string;
  readonly matched: string;
}

const rule = (tier: Tier, words: string, sector: SectorId | null, reason: string): Rule => ({
  tier,
  re: new RegExp(`\\b(?:${words})\\b`, 'g'),
  sector,
  reason,
});

const D1 = 'domain.md §2 Track 1';
const README = 'data/README';

/** Every rule, in the order of the tiers. Patterns are over folded text (lower case, no accents). */
const RULES: readonly Rule[] = [
  // A. Offices of state: whatever they are offices "of", they hold office for a state.
  rule(
    'A',
    'international criminal court|international court of justice|international tribunal|special court for|tribunal penal international|cour penale internationale|cour internationale de justice',
    'igo',
    `an international court or tribunal: a body of states (${README}: IGO and UN bodies are Track 1)`,
  ),
  rule(
    'A',
    'prime ministers?|premiers? ministres?|deputy prime ministers?|vice prime ministers?|ministers?|ministres?|ministry|ministries|ministere|ministeres|ministerio|ministro|secretary of state|secretar(?:y|ies) (?:of|for) (?:state for |the )?(?:[a-z]+ )?(?:affairs|defen[cs]e|interior)|secretaire d etat|(?:foreign|home|defen[cs]e|interior|cabinet|state) secretary|chancellor|vice chancellor|attorney general|procureur general',
    'government',
    `a minister or ministry holds state office (${D1}: ministers), whatever the portfolio — a Minister of Information is government, not media (Phoenix.agents.txt: MINISTER OF INFORMATION [~GOVMED], GOV first)`,
  ),
  rule(
    'A',
    'press secretar(?:y|ies)|(?:government|presidential|official) spokes(?:man|men|person|persons|woman|women)|spokes(?:man|person|woman) (?:of|for|to) the (?:government|president|prime minister|ministry)|porte ?parole (?:du gouvernement|de la presidence|du president)',
    'government',
    `a spokesperson of a government speaks for the state (${D1}: officials) — a press secretary is an office, not the press`,
  ),
  rule(
    'A',
    'heads? of state|chef de l etat|chefs? d etat|heads? of government|chef du gouvernement|kings?|queens?|roi|reine|emirs?|amir of|crown prince|prince heritier|monarch|his majesty|her majesty|sa majeste|sultan of|president of the republic|presidente? de la republique|presidente de la republica',
    'government',
    `a head of state or government (${D1}: heads of state) — an emir or a king rules a state, whatever other titles (sheikh) the name carries`,
  ),
  rule(
    'A',
    'ambassadors?|ambassadeurs?|ambassadrice|embajadora?|embajadores|amb|embass(?:y|ies)|ambassade|embajada|charge d affaires|consuls?|consul general|consulate|consulat|permanent representatives?|representants? permanents?|diplomats?|diplomate|diplomatic mission',
    'government',
    `a diplomat of a state (${D1}: ambassadors and envoys)`,
  ),
  rule(
    'A',
    'governors?|gouverneur|governador|gobernador|prefects?|prefet|sous prefet|mayors?|maire|alcalde|(?:county|district|locality|regional|provincial|state|high) commissioners?|commissaire (?:de district|regional)|chief minister|deputy premier|(?<!\\bpremier )premier(?! (?:ministre|league|bank))',
    'government',
    `a regional or local office of the state (${D1}: officials)`,
  ),
  rule(
    'A',
    'government|governments|gouvernement|gouvernements|gobierno|govt|goverment|governement',
    'government',
    `the government itself (${D1})`,
  ),
  rule(
    'A',
    'parliaments?|parlement|parlamento|members? of parliament|senators?|senateur|senat|senate|national assembly|assemblee nationale|asamblea nacional|legislative assembly|legislative council|legislature|lawmakers?|speaker of the|house of representatives|house of commons|house of lords|congressman|congresswoman|duma|knesset|deputes?|diputados?|deputados?',
    'legislature',
    `a member or body of a legislature (${README}: CAMEO LEG is Track 1)`,
  ),
  rule(
    'A',
    'judges?|juges?|chief justice|justice of the|magistrates?|magistrat|supreme court|constitutional court|high court|court of appeal|cour supreme|cour constitutionnelle|corte suprema|tribunal',
    'judiciary',
    `a judge or court (${README}: CAMEO JUD is Track 1)`,
  ),

  // B. Organisations.
  {
    ...rule(
      'B',
      'international community|communaute internationale|comunidad internacional|national and international communities',
      null,
      '"the international community" names no one actor: states, IGOs and NGOs together',
    ),
    status: 'unknown',
  },
  rule(
    'B',
    'groups? of friends(?: of the [a-z]+(?: [a-z]+){0,5})?|groupe des amis(?: [a-z]+){0,6}|grupo de (?:paises )?amigos(?: [a-z]+){0,5}|contact group|groupe de contact|troika|quartet|guarantor (?:states|countries|powers)|pays garants|co ?chairs? of the minsk group',
    'government',
    `a group of states (friends, contact group, troika, guarantor states): its members are governments (${D1})`,
  ),
  rule(
    'B',
    'usaid|agency for international development|development agency|agence (?:francaise )?de developpement|development co ?operation agency',
    'government',
    `a state's development agency: a government body (${D1}; sector.ts keeps 'funder' for non-governmental funders)`,
  ),
  rule(
    'B',
    'quaker united nations office|quno|quaker (?:council|office) for (?:european|international) affairs',
    'religious',
    `a Quaker office that works at the UN or the EU: a faith body beside the IGO, not part of it (${README}: REL Track 7)`,
  ),
  rule(
    'B',
    'united nations?|nations unies|naciones unidas|organi[sz]ation des nations unies|security council|conseil de securite|secretary general of the un|un secretary general|srsg|(?:special |personal )?(?:representatives?|envoys?) of the (?:un )?secretary general|representant special du secretaire general|peace ?keep(?:ing|ers?)|maintien de la paix|casques bleus|blue helmets|resident coordinator|coordonn?ateur resident|systeme des nations unies',
    'igo',
    `the United Nations or its bodies (${README}: IGO and UN bodies are Track 1)`,
  ),
  rule(
    'B',
    [
      'african union|union africaine|union africana|organi[sz]ation (?:of|for) african unity|organisation de l unite africaine',
      'european union|union europeenne|union europea|european commission|commission europeenne|european community|communaute europeenne|european council|council of europe|conseil de l europe|european parliament',
      'osce|csce|organi[sz]ation for security and co ?operation in europe|conference on security and co ?operation in europe|minsk group|nato|otan|north atlantic treaty',
      'league of arab states|arab league|ligue arabe|ligue des etats arabes|gulf co ?operation council|conseil de cooperation du golfe',
      'organi[sz]ation of (?:the )?islamic (?:conference|co ?operation)|organisations? de la (?:conference|cooperation) islamique|organi[sz]ation of american states|organisation des etats americains',
      'igad|inter ?governmental authority on development|organi[sz]ation internationale de la francophonie|francophonie|oif|ecowas|cedeao|ecomog|economic community of (?:west|central) african states|communaute economique des etats de l afrique (?:de l ouest|centrale)|ceeac|eccas|sadc|southern african development community|east african community|icglr|international conference on the great lakes region|conference internationale sur la region des grands lacs|cemac|cen sad|uemoa|community of portuguese speaking countries|comunidade dos paises de lingua portuguesa|cplp',
      'commonwealth of independent states|communaute des etats independants|commonwealth secretariat|asean|association of south ?east asian nations|world bank|banque mondiale|international monetary fund|fonds monetaire international|african development bank|organisation internationale de la francophonie|la francophonie',
      'inter ?governmental organi[sz]ations?|organisations? intergouvernementales?|common market|marche commun|economic co ?operation|international labou?r (?:office|organi[sz]ation)|external action service|eeas',
    ].join('|'),
    'igo',
    `an intergovernmental organisation (${README}: IGO is Track 1; ${D1}: delegations to international organisations)`,
  ),
  rule(
    'B',
    'salvation army|armee du salut|ejercito de salvacion',
    'religious',
    `the Salvation Army: a church, whatever "army" says (${README}: REL Track 7)`,
  ),
  rule(
    'B',
    'community of sant ?egidio|comunita di sant ?egidio|communaute de sant ?egidio|sant? ?egidio|caritas|al ?azhar|confessions? religieuses?|communautes? religieuses?|religious (?:leaders?|communit(?:y|ies)|denominations?)|world council of churches|conseil oecumenique des eglises|councils? of churches|conseils? des eglises|holy see|saint siege|santa sede|vatican|apostolic nuncio|nonce apostolique|quakers?|friends service committee|mennonites?|lutheran world federation|religions for peace|inter ?religious councils?|inter ?faith|conseil interreligieux|ulema|ulama|oulema|islamic councils?|supreme council for islamic affairs|conseil islamique|muslim councils?|jewish congress|rabbinate|episcopal conference|conference episcopale|conferencia episcopal|bishops conference|conference des eveques|(?:arch)?dioceses?|parish|churche?s?|eglises?|iglesias?|mosques?|mosquees?|synagogues?|monaster(?:y|ies)|temples?|evangelical|evangelique|catholic|catholique|catolica|protestant|anglican|methodist|presbyterian|baptist|pentecostal|orthodox church',
    'religious',
    `a church or faith body (${README}: "churches and Sant'Egidio (Track 7)"; ${README}: REL Track 7)`,
  ),
  rule(
    'B',
    'cent(?:re|er) for humanitarian dialogue|centre pour le dialogue humanitaire|henry dunant cent(?:re|er)|centre henry dunant|hd cent(?:re|er)|carter cent(?:re|er)|centre carter|crisis management initiative|conciliation resources|international crisis group|search for common ground|international alert|berghof foundation|swisspeace|interpeace|mediators beyond borders|international committee of the red cross|red cross|red crescent|croix rouge|croissant rouge|cruz roja|icrc|cicr|medecins sans frontieres|doctors without borders|oxfam|save the children|norwegian refugee council|amnesty international|human rights watch',
    'ngo',
    `a non-governmental organisation (${README}: "NGOs such as the Centre for Humanitarian Dialogue (Track 2)"; NGO Track 2)`,
  ),
  rule(
    'B',
    'non ?governmental organi[sz]ations?|organisations? non gouvernementales?|organizaciones? no gubernamentales?|human rights (?:organi[sz]ations?|groups?|ngos?|league|defenders?|commission of)|ligue des droits de l homme',
    'ngo',
    `an NGO (${README}: NGO and HRI are Track 2)`,
  ),
  rule(
    'B',
    'free [a-z]+ army|armee [a-z]+ libre|ejercito [a-z]+ libre|rebels?|rebelles?|rebellion|rebeldes?|insurgents?|insurges|guerr?ill?as?|militias?|milices?|milicias?|armed groups?|groupes? armes?|mouvements? armes?|armed movements?|grupos? armados?|armed opposition|opposition armee|(?:national |people s |popular |islamic |patriotic |democratic )?liberation (?:front|army|movement|tigers|organi[sz]ation)|(?:front|mouvement|armee|movimiento|frente|ejercito)(?: [a-z]+){0,3} (?:de |pour la )?liberation|resistance (?:army|movement|front)|revolutionary (?:armed forces|united front|front)|fuerzas armadas revolucionarias|jihad|mujahid(?:ee|i)n|self ?defen[cs]e forces|paramilitar(?:y|ies)|militiam[ae]n|terror(?:ist)? (?:groups?|organi[sz]ations?|cells?|networks?)|terrorists?|fronts?|frente|mouvement (?:politico )?militaire',
    'armed-group',
    'an armed non-state group (CAMEO REB, PLOVER "armed opposition"; a "front" is the usual name of a political-military movement in a conflict: FLN, Polisario, RUF): sector armed-group, whose negotiators are Track 1 (seed 000: the government "negotiated Track 1 with the FARC")',
  ),
  rule(
    'B',
    'political part(?:y|ies)|partis? politiques?|partidos? politicos?|parti|partido|partito|(?<=\\b[a-z]{3,} )(?<!\\b(?:the|third|state|contracting|two|both|all|each|other|either|any|concerned|interested|signatory|warring|guarantor|relevant|negotiating|respective|said|these|those|such|one|belligerent|opposing|mediating|was|is|were|are|be|been|being|as|research|injured|aggrieved|affected|responsible|working|defaulting|requesting) )party(?! to\\b)',
    null,
    'a political party: Track 1 in government, Track 6 in opposition (CAMEO PTY; PLOVER manual note 1) — the name alone does not say which',
  ),
  rule(
    'B',
    'foundations?|fondations?|fundacion|stiftung|donors?|donor community|bailleurs? de fonds|donateurs?|funders?|philanthropists?|grant ?makers?',
    'funder',
    'a foundation or donor (domain.md §2 Track 8: foundations, donors, philanthropists; sector funder)',
  ),
  rule(
    'B',
    'think ?tanks?|institute for (?:peace|strategic|policy|international|security)|peace research institute|(?:centre|center) for (?:strategic|international|policy|peace|security|conflict)|policy institute',
    'think-tank',
    'a think tank (domain.md §2 Track 2: think tanks)',
  ),
  rule(
    'B',
    'universit(?:y|ies|e|es|ad|idad|a)|research institutes?|instituts? de recherche|research cent(?:re|er)s?|academ(?:y|ies|ie)',
    'research',
    `a university or research institute (domain.md §2 Track 5; ${README}: EDU is Track 5)`,
  ),
  rule('B', 'ngos?|ongs?', 'ngo', `an NGO (${README}: NGO is Track 2)`),

  // C. Personal titles.
  rule(
    'C',
    'bishops?|archbishops?|eveques?|archeveques?|obispos?|arzobispos?|cardinals?|cardenal|pope|pontiff|reverend|rev|revd|pastors?|pasteurs?|priests?|pretres?|sacerdotes?|padre|abbe|monsignor|monseigneur|mgr|msgr|imams?|muftis?|grand mufti|ayatollah|mullahs?|maulana|mawlana|maulvi|hojatoleslam|rabbis?|chief rabbi|patriarchs?|archimandrite|dalai lama|lama|swami|bhikkhus?|venerable|clergy(?:man|men)?|clerics?|clerge|religious (?:leaders?|authorities|communit(?:y|ies)|groups?|organi[sz]ations?)|(?:chefs?|leaders?|autorites|dignitaires) religieu(?:x|ses)|faith (?:leaders?|based|communit(?:y|ies)|groups?)|lideres religiosos',
    'religious',
    `a cleric or religious leader (domain.md §2 Track 7: religious leaders; ${README}: REL Track 7)`,
  ),
  rule(
    'C',
    'police|policiers?|gendarmerie|gendarmes?|policia|security (?:chief|services|agencies|officials)',
    'government',
    'the police, an arm of the state (CAMEO COP, read as government: Track 1)',
  ),
  rule(
    'C',
    'armies|army|armee|ejercito|forces|armed forces|forces armees|fuerzas armadas|military|militaires?|militar|navy|air force|troops|soldiers?|soldats?|officers|defen[cs]e forces|security forces|forces de (?:defense|securite)|chiefs? of (?:the )?(?:general |defen[cs]e )?staff|chef d etat major|commanders?|commandant|lt gen|lieutenant general|major general|maj gen|mgen|bgen|ltgen|lgen|coronel|teniente|capitan|brigadier(?: general)?|brig gen|colonels?|col|lt col|lieutenant colonel|admirals?|marshal|marechal|(?<!\\b(?:secretary|attorney|consul|director|governor|auditor|inspector|solicitor|postmaster|secretaire|directeur|procureur|commissaire|commissioner|surgeon|registrar|accountant|adjutant|vicar|superior|secretario|director|procurador) )generals?(?! (?:assembly|secretary|secretariat|council|conference|agreement|amnesty|elections?|public|affairs|directorate|manager|counsel|assemblee|secretaire|conseil|command))|gen(?= [a-z])',
    'military',
    `the armed forces of a state (${D1}: military leaders; CAMEO MIL)`,
  ),
  rule(
    'C',
    'professors?|prof|academics?|scholars?|lecturers?|researchers?|chercheurs?|universitaires?',
    'academic',
    `an academic: in an agreement or dialogue text an academic works in a conflict-resolution role (${README}: think tanks and academics in a conflict-resolution role are Track 2)`,
  ),
  rule(
    'C',
    'sultans?|paramount chiefs?|traditional (?:leaders?|chiefs?|rulers?|authorities|elders)|chefs? traditionnels?|chefferies?|autorites traditionnelles|autoridades tradicionales|chiefs|elders?|council of elders|notables|sages|clan (?:leaders?|elders?)|tribal (?:leaders?|elders?|chiefs?)|community leaders?|leaders communautaires|chefs? de (?:quartier|village|canton|race|tribu|terre|groupement|communaute)',
    'citizen',
    'a traditional or community leader: grassroots, people-to-people work (domain.md §2: the grassroots "Track 3" of other conventions — community leaders — is canonical Track 4)',
  ),

  // D. Sector words.
  rule(
    'D',
    'private sector|secteur prive|sector privado|business(?:es| community| leaders?| associations?|men|man|women|people)?|chambers? of commerce|chambres? de commerce|camaras? de comercio|employers?|patronat|federation of (?:industr(?:y|ies)|employers)|confederation of (?:industry|business)|hommes d affaires|operateurs economiques|companies|company|corporations?|entreprises?|enterprises?|firms|industrialists|traders|commercants|empresarios|empresas?',
    'business',
    `business (${README}: BUS and MNC are Track 3; domain.md §2 Track 3: firms, executives, chambers of commerce)`,
  ),
  rule(
    'D',
    'media|medias|press|presse|prensa|journalists?|journalistes?|periodistas?|newspapers?|journaux|radio|television|broadcast(?:er|ers|ing)|news agency|agence de presse|reporters?',
    'media',
    `the media (${README}: MED is Track 9; domain.md §2 Track 9: journalists, outlets)`,
  ),
  rule(
    'D',
    'civil society|societe civile|sociedad civil|sociedade civil|civic (?:groups?|organi[sz]ations?)|community based|grassroots|(?<!\\b(?:international|european|economic|east african|caribbean|andean|pacific|business|donor) )communit(?:y|ies)|communautes?|comunidad(?:es)?|villagers|villageois|residents|citizens?|citoyens?|ciudadanos|civilians?|civils|populations?|local people|people|peuples?|pueblos?|nationals|ressortissants|ethnic|ethnie|ethniques?|inhabitants|habitants|settlers|colons|prisoners?|detainees|detenus|prisonniers|women|womens?|femmes|mujeres|youths?|jeunes|jeunesse|juventud|displaced persons',
    'citizen',
    `civil society and citizens: grassroots, people-to-people (${README}: CVL is Track 4; domain.md §2 reads the grassroots "Track 3" of other conventions — civil society, community leaders, women's and youth organisations — as canonical Track 4)`,
  ),
  rule('D', 'diasporas?', 'diaspora', 'the diaspora (domain.md §2 Track 4: diaspora)'),
  rule(
    'D',
    'teachers?|enseignants?|students?|etudiants?|estudiantes|schools?|ecoles?|escuelas?|educators?|educat(?:ion|eurs?)|trainers?|formateurs',
    'education',
    `education (${README}: EDU is Track 5; domain.md §2 Track 5: trainers, peace education)`,
  ),
  rule(
    'D',
    'activists?|activistes?|activistas?|campaigners?|protesters?|manifestants?|social movements?|mouvements? sociaux|movimientos? sociales?|peace movements?|mouvements? (?:pour la paix|de la paix)|protest movements?|anti ?war|trade unions?|labou?r unions?|workers unions?|syndicats?|syndicales?|confederations? syndicales?|sindicatos?|unions? of workers|workers|travailleurs|trabajadores|strikers|grevistes|opposition|oposicion',
    'activist',
    `activists, movements, unions and the opposition (${README}: "activist and opposition civic groups Track 6"; domain.md §2 Track 6)`,
  ),

  // E. Forms of organisation.
  rule(
    'E',
    'associations?|asociacion(?:es)?|forums?|networks?|reseaux?|clubs?|societ(?:y|ies)',
    'ngo',
    `an association, network or forum: a non-governmental organisation (${README}: NGO is Track 2)`,
  ),

  // G. States (F is the Phoenix agents dictionary, handled apart).
  rule(
    'G',
    'republics?|republique|republica|kingdom|royaume|reino|state of|etat du|etat de|estado de|emirates?|sultanate|principality|confederation|federal republic|presidents?|presidente?|vice presidents?|his excellency|her excellency|son excellence|h e|s e|s e m|honou?rable|hon',
    'government',
    `a state or its head: ${D1} (heads of state, officials; CAMEO PRESIDENT [~GOV]); honorifics such as "H.E." and "Hon." are given to office holders`,
  ),
];

/** Short acronyms that are also common words (French "un", "au", "eu"): counted only when written in capitals. */
const CAPITAL_ACRONYMS: ReadonlyMap<string, { sector: SectorId | null; reason: string; tier: Tier }> =
  new Map([
    [
      'UN',
      { sector: 'igo', tier: 'B', reason: `"UN": the United Nations (${README}: UN bodies are Track 1)` },
    ],
    [
      'ONU',
      { sector: 'igo', tier: 'B', reason: `"ONU": the United Nations (${README}: UN bodies are Track 1)` },
    ],
    ['AU', { sector: 'igo', tier: 'B', reason: `"AU": the African Union (${README}: IGO Track 1)` }],
    ['UA', { sector: 'igo', tier: 'B', reason: `"UA": l'Union africaine (${README}: IGO Track 1)` }],
    ['EU', { sector: 'igo', tier: 'B', reason: `"EU": the European Union (${README}: IGO Track 1)` }],
    ['UE', { sector: 'igo', tier: 'B', reason: `"UE": l'Union européenne (${README}: IGO Track 1)` }],
    ['EC', { sector: 'igo', tier: 'B', reason: `"EC": the European Community (${README}: IGO Track 1)` }],
    ['OAU', { sector: 'igo', tier: 'B', reason: `"OAU": the Organisation of African Unity (IGO Track 1)` }],
    ['OUA', { sector: 'igo', tier: 'B', reason: `"OUA": l'Organisation de l'unité africaine (IGO Track 1)` }],
    ['OAS', { sector: 'igo', tier: 'B', reason: `"OAS": the Organization of American States (IGO Track 1)` }],
    ['OEA', { sector: 'igo', tier: 'B', reason: `"OEA": l'Organisation des États américains (IGO Track 1)` }],
    [
      'OIC',
      { sector: 'igo', tier: 'B', reason: `"OIC": the Organisation of Islamic Cooperation (IGO Track 1)` },
    ],
    [
      'OCI',
      { sector: 'igo', tier: 'B', reason: `"OCI": l'Organisation de la coopération islamique (IGO Track 1)` },
    ],
    [
      'CIS',
      { sector: 'igo', tier: 'B', reason: `"CIS": the Commonwealth of Independent States (IGO Track 1)` },
    ],
    [
      'CEI',
      { sector: 'igo', tier: 'B', reason: `"CEI": la Communauté des États indépendants (IGO Track 1)` },
    ],
    ['GCC', { sector: 'igo', tier: 'B', reason: `"GCC": the Gulf Cooperation Council (IGO Track 1)` }],
    ['EAC', { sector: 'igo', tier: 'B', reason: `"EAC": the East African Community (IGO Track 1)` }],
    [
      'SNU',
      {
        sector: 'igo',
        tier: 'B',
        reason: `"SNU": le système des Nations unies (${README}: UN bodies are Track 1)`,
      },
    ],
    ['NGO', { sector: 'ngo', tier: 'B', reason: `"NGO" (${README}: NGO Track 2)` }],
    ['NGOS', { sector: 'ngo', tier: 'B', reason: `"NGOs" (${README}: NGO Track 2)` }],
    [
      'ONG',
      {
        sector: 'ngo',
        tier: 'B',
        reason: `"ONG": organisation non gouvernementale (${README}: NGO Track 2)`,
      },
    ],
    [
      'MP',
      { sector: 'legislature', tier: 'A', reason: `"MP": a member of parliament (${README}: LEG Track 1)` },
    ],
    [
      'MPS',
      { sector: 'legislature', tier: 'A', reason: `"MPs": members of parliament (${README}: LEG Track 1)` },
    ],
    ['US', { sector: 'government', tier: 'G', reason: `"US": the United States, a state (${D1})` }],
    ['USA', { sector: 'government', tier: 'G', reason: `"USA": a state (${D1})` }],
    ['UK', { sector: 'government', tier: 'G', reason: `"UK": a state (${D1})` }],
    ['UAE', { sector: 'government', tier: 'G', reason: `"UAE": a state (${D1})` }],
    ['DRC', { sector: 'government', tier: 'G', reason: `"DRC": a state (${D1})` }],
    ['RDC', { sector: 'government', tier: 'G', reason: `"RDC": a state (${D1})` }],
    ['PRC', { sector: 'government', tier: 'G', reason: `"PRC": a state (${D1})` }],
    ['DPRK', { sector: 'government', tier: 'G', reason: `"DPRK": a state (${D1})` }],
    ['USSR', { sector: 'government', tier: 'G', reason: `"USSR": a state (${D1})` }],
    ['URSS', { sector: 'government', tier: 'G', reason: `"URSS": a state (${D1})` }],
    ['FRY', { sector: 'government', tier: 'G', reason: `"FRY": the Federal Republic of Yugoslavia (${D1})` }],
    [
      'HE',
      { sector: 'government', tier: 'G', reason: `"H.E.": His Excellency, said of office holders (${D1})` },
    ],
    [
      'SE',
      { sector: 'government', tier: 'G', reason: `"S.E.": Son Excellence, said of office holders (${D1})` },
    ],
    ['SEM', { sector: 'government', tier: 'G', reason: `"S.E.M.": Son Excellence Monsieur (${D1})` }],
    [
      'GRP',
      {
        sector: 'government',
        tier: 'A',
        reason: `"GRP": the Government of the Republic of the Philippines, as peace texts abbreviate it (${D1})`,
      },
    ],
  ]);

/** "GoS", "GoSS", "GoN": agreements abbreviate "Government of X" so. */
const GOVERNMENT_ABBREVIATION = /^Go[A-Z]{1,3}$/;
/** UN missions and bodies written as one acronym: UNPROFOR, UNOMIG, MINUSMA, MONUSCO … */
const UN_ACRONYM = /^(?:UN[A-Z]{2,6}|MINU[A-Z]{2,5}|MONU[A-Z]{1,4})$/;
const NOT_UN_ACRONYMS = new Set(
  (
    'UNITED UNION UNIONS UNITA UNIT UNITS UNITE UNITY UNIQUE UNDER UNTIL UNLESS UNIFIED UNSIGNED UNCLEAR ' +
    'UNKNOWN UNARMED UNANIMOUS UNIVERSITY UNIVERSITE UNIDAD UNIDOS UNIDAS UNITES UNIES UNION UNIE UNIS UNLIKE ' +
    'UNDERSTANDING UNDERTAKING UNDERTAKE UNDERTAKES UNCONDITIONAL UNSC UNIFORM UNOFFICIAL UNRESOLVED MINUTES ' +
    'MINUTE MONUMENT MINUSCULE'
  ).split(' '),
);

// ---------------------------------------------------------------------------------------------------
// States: names, demonyms, capitals (world-countries, ODbL), and states it does not list
// ---------------------------------------------------------------------------------------------------

type StateKind = 'name' | 'demonym' | 'people' | 'capital';

const OTHER_STATES: readonly (readonly [string, readonly string[]])[] = [
  ['soviet union', ['ussr', 'union of soviet socialist republics', 'union sovietique', 'soviet']],
  [
    'yugoslavia',
    ['yougoslavie', 'federal republic of yugoslavia', 'socialist federal republic of yugoslavia', 'yugoslav'],
  ],
  ['czechoslovakia', ['tchecoslovaquie', 'czechoslovak']],
  ['zaire', ['republic of zaire', 'zairian']],
  ['serbia and montenegro', ['serbie et montenegro']],
  ['german democratic republic', ['east germany']],
  // PLOVER manual, "Partially recognized (disputed) entities": states in fact, coded with their governments.
  ['abkhazia', ['abkhaz', 'abkhazian', 'abkhazie']],
  ['south ossetia', ['ossetia', 'ossetian', 'ossetie du sud']],
  ['transnistria', ['pridnestrovie', 'transnistrian']],
  ['nagorno karabakh', ['nagorny karabakh', 'karabakh', 'haut karabagh']],
  ['northern cyprus', ['turkish republic of northern cyprus', 'turkish cypriot']],
  ['somaliland', []],
  ['luhansk people s republic', ['lugansk people s republic']],
  ['donetsk people s republic', []],
];

/** Names of states that are also given names (French Dominique, Maurice): not read as states alone. */
const STATE_NAME_STOPLIST = new Set(['dominique', 'maurice']);

/** Capitals that are also common words or names elsewhere: not read as states. */
const CAPITAL_STOPLIST = new Set([
  'male',
  'victoria',
  'kingston',
  'hamilton',
  'georgetown',
  'jamestown',
  'plymouth',
  'the valley',
  'road town',
  'city of san marino',
  'saint helier',
  'saint peter port',
  'douglas',
  'stanley',
  'avarua',
  'alofi',
  'adamstown',
  'tórshavn',
  'nuuk',
  'ngerulmud',
  'palikir',
  'jerusalem',
]);

interface StateLexicon {
  readonly byPhrase: ReadonlyMap<string, { readonly kind: StateKind; readonly name: string }>;
  readonly maxTokens: number;
}

let stateLexicon: StateLexicon | undefined;

function statesLexicon(): StateLexicon {
  if (stateLexicon) return stateLexicon;
  const list =
    (worldCountries as unknown as { default?: Countries }).default ??
    (worldCountries as unknown as Countries);
  const byPhrase = new Map<string, { kind: StateKind; name: string }>();
  const put = (phrase: string | undefined, kind: StateKind, name: string) => {
    const key = foldText(phrase ?? '');
    if (key.length < 3 || byPhrase.has(key) || STATE_NAME_STOPLIST.has(key)) return;
    byPhrase.set(key, { kind, name });
  };
  for (const c of Array.isArray(list) ? list : []) {
    const name = c.name.common;
    for (const n of [c.name.common, c.name.official]) put(n, 'name', name);
    for (const lang of ['fra', 'spa']) {
      put(c.translations[lang]?.common, 'name', name);
      put(c.translations[lang]?.official, 'name', name);
    }
    for (const alt of c.altSpellings)
      if (alt.length >= 4 && alt !== alt.toUpperCase()) put(alt, 'name', name);
    for (const lang of ['eng', 'fra']) {
      const d = c.demonyms[lang];
      if (!d) continue;
      for (const form of new Set([d.m, d.f])) {
        put(form, 'demonym', name);
        if (!/s$/i.test(form)) put(`${form}s`, 'people', name);
      }
    }
    for (const cap of c.capital) {
      const key = foldText(cap.replace(/\bD\.C\.$/, ''));
      if (key.length >= 4 && !CAPITAL_STOPLIST.has(key)) put(key, 'capital', name);
    }
  }
  for (const [name, forms] of OTHER_STATES) for (const f of [name, ...forms]) put(f, 'name', name);
  let maxTokens = 1;
  for (const k of byPhrase.keys()) maxTokens = Math.max(maxTokens, k.split(' ').length);
  stateLexicon = { byPhrase, maxTokens };
  return stateLexicon;
}

// ---------------------------------------------------------------------------------------------------
// No actor: headings, signature marks, page references
// ---------------------------------------------------------------------------------------------------

const HEADING_WORDS = new Set(
  (
    'witness witnesses witnessed witnessing by in the presence of signed sign signature signatures ' +
    'signatory signatories sgd unsigned illegible seal stamp temoin temoins testigo testigos observer ' +
    'observers observateur observateurs observador observadores guarantor guarantors garant garants ' +
    'garante garantes facilitator facilitators facilitateur facilitateurs facilitador mediator ' +
    'mediators mediateur mediateurs mediador mediadores mediation co chief lead third party parties ' +
    'tierce tierces partie tercera terceros for pour por on behalf au nom en nombre from de la part ' +
    'par and et y the le les l des du a an to at with avec con con el los las del page pages p pp ' +
    'article art annex annexe anexo preamble preambule preambulo section chapter paragraph para date ' +
    'dated done fait hecho place lieu name names nom noms title titre position represented represente ' +
    'chaired chairmanship auspices under sous egide also following as below above list liste ' +
    'following have has hereby undersigned duly indicated though present listed mentioned identified ' +
    'january february march april may june july august september october november december janvier ' +
    'fevrier mars avril mai juin juillet aout septembre octobre novembre decembre enero febrero marzo ' +
    'abril mayo junio julio agosto septiembre octubre noviembre diciembre one two three four five ' +
    'first second third attested attest countersigned witnesseth certified ont signe comme untitled ' +
    'unintelligible illegible n na nil none no not applicable recorded sic i ii iii iv v vi vii viii ' +
    'ix x xi xii xiii xiv xv'
  ).split(' '),
);
const HEADING_START =
  /^(?:witness|witnesses|witnessed|temoins?|observers?|observateurs?|guarantors?|garants?|facilitators?|facilitateurs?|signator(?:y|ies)|signataires?|mediators?|mediateurs?|third part(?:y|ies)|annex|page|in the presence of|en presence de)\b/;

function isNoActor(tok: Tokenised, text: string): boolean {
  const words = tok.tokens.map((t) => t.w);
  if (words.every((w) => HEADING_WORDS.has(w) || /^\d+[a-z]?$/.test(w) || w.length === 1)) return true;
  // "Witnesses (Sudan):", "Observers from the region:" — a heading over a list, not an actor
  return /:\s*$/.test(text) && words.length <= 6 && HEADING_START.test(tok.folded);
}

// ---------------------------------------------------------------------------------------------------
// The classifier
// ---------------------------------------------------------------------------------------------------

const result = (
  status: ActorStatus,
  sector: SectorId | null,
  reason: string,
  track: TrackId | null = trackOfSector(sector),
): ActorClassification => ({ status, sector, track, reason });

function singular(w: string): string[] {
  if (w.length > 4 && w.endsWith('ies')) return [`${w.slice(0, -3)}y`];
  if (w.length > 4 && w.endsWith('es')) return [w.slice(0, -2), w.slice(0, -1)];
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return [w.slice(0, -1)];
  return [];
}

export interface ActorClassifierOptions {
  /** Dictionaries to use; null for the built-in rules alone; default: loaded from `cameoDir`. */
  readonly dictionaries?: PhoenixDictionaries | null;
  /** Where Phoenix.International.actors.txt and Phoenix.agents.txt are (default shared/data/cameo). */
  readonly cameoDir?: string;
}

const MAX_PHRASE = 12;

export function createActorClassifier(options: ActorClassifierOptions = {}): ActorClassifier {
  let dictionaries: PhoenixDictionaries | null;
  if (options.dictionaries !== undefined) dictionaries = options.dictionaries;
  else {
    try {
      dictionaries = loadPhoenixDictionaries(options.cameoDir);
    } catch {
      dictionaries = null;
    }
  }
  let maxActorTokens = 1;
  for (const k of dictionaries?.actors.byName.keys() ?? []) {
    maxActorTokens = Math.max(maxActorTokens, Math.min(MAX_PHRASE, k.split(' ').length));
  }
  let maxAgentTokens = 1;
  for (const k of dictionaries?.agents.byPhrase.keys() ?? []) {
    maxAgentTokens = Math.max(maxAgentTokens, Math.min(MAX_PHRASE, k.split(' ').length));
  }

  /** Phrases of `tok` found in a lexicon: [start token, length, key], longest first at each start. */
  function phrases<T>(
    tok: Tokenised,
    lookup: (key: string) => T | undefined,
    maxTokens: number,
  ): { i: number; n: number; key: string; value: T }[] {
    const found: { i: number; n: number; key: string; value: T }[] = [];
    const words = tok.tokens.map((t) => t.w);
    for (let i = 0; i < words.length; i++) {
      for (let n = Math.min(maxTokens, words.length - i); n >= 1; n--) {
        const head = words.slice(i, i + n - 1);
        const last = words[i + n - 1] ?? '';
        let hit: { key: string; value: T } | undefined;
        for (const form of [last, ...singular(last)]) {
          const key = [...head, form].join(' ');
          const value = lookup(key);
          if (value !== undefined) {
            hit = { key, value };
            break;
          }
        }
        if (hit) {
          found.push({ i, n, ...hit });
          break;
        }
      }
    }
    return found;
  }

  /** A one-word dictionary name must look like a name where it is written: capitalised, acronyms in capitals. */
  const looksLikeName = (t: Token, caseInformative: boolean) => {
    if (!caseInformative) return true;
    if (t.raw.length <= 4) return t.raw === t.raw.toUpperCase();
    return /^\p{Lu}/u.test(t.raw);
  };

  function candidates(tok: Tokenised, options: ClassifyOptions): Candidate[] {
    const out: Candidate[] = [];
    const f = tok.folded;
    for (const r of RULES) {
      r.re.lastIndex = 0;
      for (const m of f.matchAll(r.re)) {
        out.push({
          tier: r.tier,
          ...(r.status ? { status: r.status } : {}),
          office: r.tier === 'A' || r.tier === 'C' || r.tier === 'G',
          start: m.index,
          length: m[0].length,
          sector: r.sector,
          reason: `"${m[0]}": ${r.reason}`,
          matched: m[0],
        });
      }
    }
    tok.tokens.forEach((t) => {
      const raw = t.raw;
      const acronym = CAPITAL_ACRONYMS.get(raw.toUpperCase());
      if (acronym && raw === raw.toUpperCase() && /\p{L}/u.test(raw)) {
        out.push({
          tier: acronym.tier,
          start: t.at,
          length: t.w.length,
          sector: acronym.sector,
          reason: acronym.reason,
          matched: raw,
        });
      } else if (GOVERNMENT_ABBREVIATION.test(raw)) {
        out.push({
          tier: 'A',
          start: t.at,
          length: t.w.length,
          sector: 'government',
          reason: `"${raw}": "Government of …", as peace texts abbreviate it (${D1})`,
          matched: raw,
        });
      } else if (UN_ACRONYM.test(raw) && !NOT_UN_ACRONYMS.has(raw)) {
        out.push({
          tier: 'B',
          start: t.at,
          length: t.w.length,
          sector: 'igo',
          reason: `"${raw}": a UN mission or body by its acronym (${README}: UN bodies are Track 1)`,
          matched: raw,
        });
      }
    });
    if (dictionaries) {
      const { actors, agents } = dictionaries;
      for (const p of phrases(tok, (k) => actors.byName.get(k), maxActorTokens)) {
        const first = tok.tokens[p.i];
        if (p.n === 1 && first && !looksLikeName(first, tok.caseInformative)) continue;
        const code = phoenixCodeOn(p.value, options.date);
        if (!code) continue;
        const reading = sectorOfCameoCode(code.code);
        if (reading.status !== 'classified' && reading.status !== 'no-track') continue;
        const dated = code.from || code.until ? ` (${code.from ?? '…'} to ${code.until ?? '…'})` : '';
        out.push({
          // an acronym or one word is weaker evidence than a title or sector word (AFP: a news agency, or
          // the Armed Forces of the Philippines)
          tier: p.n === 1 ? 'F' : 'B',
          start: first?.at ?? 0,
          length: p.key.length,
          sector: reading.sector,
          reason: `Phoenix actors dictionary: "${p.value.names[0] ?? p.key}" [${code.code}]${dated} → ${reading.reason}`,
          matched: p.key,
        });
      }
      for (const p of phrases(tok, (k) => agents.byPhrase.get(k), maxAgentTokens)) {
        const first = tok.tokens[p.i];
        const codes = p.value;
        const readings = codes
          .map((c) => sectorOfCameoCode(c))
          .filter((r) => r.status === 'classified' || r.status === 'no-track');
        const reading = readings[0];
        if (!reading || FUNCTION_WORDS.test(p.key)) continue;
        const disagree = readings.some((r) => r.sector !== reading.sector)
          ? ` (the dictionary also gives ${codes.join(', ')})`
          : '';
        out.push({
          tier: codes.includes('PPL') ? 'H' : 'F',
          office: true,
          start: first?.at ?? 0,
          length: p.key.length,
          sector: reading.sector,
          reason: `Phoenix agents dictionary: "${p.key}" [~${codes[0] ?? ''}]${disagree} → ${reading.reason}`,
          matched: p.key,
        });
      }
    }
    const states = statesLexicon();
    for (const p of phrases(tok, (k) => states.byPhrase.get(k), states.maxTokens)) {
      const first = tok.tokens[p.i];
      const { kind, name } = p.value;
      if (kind === 'capital' && tok.tokens.length > 3) continue;
      if (p.n === 1 && first && tok.caseInformative && !/^\p{Lu}/u.test(first.raw)) continue;
      const base = { tier: 'G' as const, start: first?.at ?? 0, length: p.key.length, matched: p.key };
      if (kind === 'people') {
        out.push({
          ...base,
          sector: 'citizen',
          reason: `"${p.key}": the people of ${name}, not its state (${README}: CVL is Track 4; the PLOVER records code "Algerians", "Liberians" CVL)`,
        });
      } else {
        const how =
          kind === 'capital'
            ? `the capital of ${name}, standing for its government (PLOVER records: capitals as actors are GOV)`
            : kind === 'demonym'
              ? `of ${name}: its state`
              : `${name}, a state`;
        out.push({ ...base, sector: 'government', reason: `"${p.key}": ${how} (${D1})` });
      }
    }
    return out;
  }

  function classify(text: string, options: ClassifyOptions = {}): ActorClassification {
    const input = typeof text === 'string' ? text.slice(0, MAX_TEXT) : '';
    // "U.N." and "U.S.A." are the acronyms UN and USA
    const tok = tokenise(
      input.replace(/(?<![\p{L}\p{N}])(?:\p{Lu}\.){2,}/gu, (m) => `${m.replace(/\./g, '')} `),
    );
    if (tok.tokens.length === 0) {
      return /\p{L}/u.test(input)
        ? result('unknown', null, 'no word in a script we read (Latin letters)')
        : result('no-actor', null, 'no words: punctuation, numbers or nothing');
    }
    if (isNoActor(tok, input.trim())) {
      return result(
        'no-actor',
        null,
        'a heading or signature mark ("Witnessed by:", "(Signed)", "Page 3"), not an actor',
      );
    }
    const all = candidates(tok, options);
    // a match inside a longer one that says otherwise is part of a name: "federation" in "Russian
    // Federation", "islamic" in "Islamic Republic of Iran", "army" in "Salvation Army"
    const found = all.filter(
      (c) =>
        !all.some(
          (o) =>
            o !== c &&
            o.sector !== c.sector &&
            o.length > c.length &&
            o.start <= c.start &&
            c.start + c.length <= o.start + o.length,
        ),
    );
    for (const tier of TIER_ORDER) {
      const inTier = found.filter((c) => c.tier === tier);
      if (inTier.length === 0) continue;
      const best = tier === 'F' ? headOfPhrase(inTier, tok.folded) : longestFirst(inTier);
      if (!best) continue;
      if (
        best.office &&
        best.sector !== null &&
        OFFICES.has(best.sector) &&
        FORMER.test(tok.folded.slice(0, best.start))
      ) {
        return result(
          'classified',
          'former-official',
          `an office held before (${best.reason}): a former official, Track 2 (domain.md §2 Track 2: retired officials and diplomats; PLOVER ELI)`,
        );
      }
      if (best.status === 'unknown') return result('unknown', null, best.reason);
      return result(
        'classified',
        best.sector,
        best.sector === null ? `${best.reason} — no track` : best.reason,
      );
    }
    return result('unknown', null, 'no office, organisation, title, sector word or state that we know');
  }

  return { classify, dictionaries };
}

/**
 * Agent words that name a function inside whatever body is named (SPOKESMAN [~MED], DELEGATE and
 * REPRESENTATIVES [~LEG] in Phoenix.agents.txt): the body decides, not the word.
 */
const FUNCTION_WORDS =
  /^(?:spokes(?:man|men|woman|women|person|persons|people)|delegates?|representatives?)$/;

/** Sectors whose members hold an office that can be held before ("former President"). */
const OFFICES: ReadonlySet<SectorId> = new Set(['government', 'military', 'legislature', 'judiciary', 'igo']);
/** "former", "ex-", "ousted" … within the three words before the office. */
const FORMER =
  /\b(?:former|ex|ousted|deposed|retired|erstwhile|one time|onetime|past|ancien|ancienne|anciens|antiguo|antigua|exiled)(?: [a-z0-9]+){0,2} ?$/;

function longestFirst(list: readonly Candidate[]): Candidate | undefined {
  return [...list].sort((a, b) => b.length - a.length || a.start - b.start)[0];
}

/**
 * The head of an English noun phrase among agent words: the last one before "of" or "in" if the phrase
 * has them ("workers of the … Company", "Prisoners in …"), else the last ("Moslem forces").
 */
function headOfPhrase(list: readonly Candidate[], folded: string): Candidate | undefined {
  const of = /\b(?:of|in|from|at|de|du|des)\b/.exec(folded);
  const cut = of ? of.index : folded.length;
  const before = list.filter((c) => c.start < cut);
  const pool = before.length > 0 ? before : list;
  return [...pool].sort((a, b) => b.start + b.length - (a.start + a.length) || b.length - a.length)[0];
}

let defaultClassifier: ActorClassifier | undefined;

/**
 * Classifies one actor name or description, with the Phoenix dictionaries from shared/data/cameo (the
 * built-in rules alone when they cannot be read). See `createActorClassifier` to choose dictionaries.
 */
export function classifyActorText(text: string, options?: ClassifyOptions): ActorClassification {
  defaultClassifier ??= createActorClassifier();
  return defaultClassifier.classify(text, options);
}

// ---------------------------------------------------------------------------------------------------
// PA-X third parties: one field → one text per party
// ---------------------------------------------------------------------------------------------------

export interface PartySegment {
  readonly text: string;
  readonly classification: ActorClassification;
}

const MAX_FIELD = 100_000;

/**
 * Splits a PA-X `ThrdPart` field into parties and classifies each. Lines, semicolons and table columns
 * (tabs or runs of non-breaking spaces) separate parties; "Witnessed by: X" is a heading and a party;
 * list numbers ("1.", "a)", "II.") are dropped. Commas separate parties only where each piece is an
 * actor on its own: a piece we cannot read ("William Clinton") is joined to the next ("U.S. President"),
 * so that a name stays with its title.
 */
export function splitThirdParties(
  field: string,
  classify: (text: string) => ActorClassification = classifyActorText,
): PartySegment[] {
  const text = typeof field === 'string' ? field.slice(0, MAX_FIELD) : '';
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\u00a0\u2007\u202f][\t\u00a0\u2007\u202f ]+|\t/g, '\n')
    .split(/\n|;|(?<=\S)\s+(?=\(?\d{1,2}[.)]\s+\p{Lu})/u);
  const out: PartySegment[] = [];
  const push = (s: string, c?: ActorClassification) => {
    const t = s
      .trim()
      .replace(/^[-–—•*·,.\s]+/, '')
      .replace(/[,\s]+$/, '')
      .trim();
    if (t) out.push({ text: t, classification: c ?? classify(t) });
  };
  for (const rawLine of lines) {
    let line = rawLine.replace(/^\s*(?:\(?[0-9]{1,3}[.)]|\(?[a-z][.)]|[ivxlc]{1,5}[.)])\s+/i, '').trim();
    if (!line) continue;
    const heading = /^([^:]{1,60}):\s*(.+)$/.exec(line);
    if (heading?.[1] && heading[2] && classify(`${heading[1]}:`).status === 'no-actor') {
      push(`${heading[1]}:`);
      line = heading[2];
    }
    const pieces = line.split(/,(?![^()[\]]*[)\]])/);
    if (pieces.length === 1) {
      push(line);
      continue;
    }
    let pending = '';
    for (const piece of pieces) {
      const joined = pending ? `${pending},${piece}` : piece;
      const c = classify(joined);
      if (c.status === 'unknown' || classify(piece).status === 'no-actor') pending = joined;
      else {
        push(joined, c);
        pending = '';
      }
    }
    if (pending) {
      const last = out[out.length - 1];
      const c = classify(pending);
      // one trailing piece we cannot read is the name after a title ("Prime Minister of Japan, Mr. X")
      const onePiece = !pending.includes(',');
      if (c.status === 'unknown' && onePiece && last?.classification.status === 'classified') {
        out[out.length - 1] = { text: `${last.text},${pending}`, classification: last.classification };
      } else push(pending, c);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------------

export interface PloverMention {
  readonly id: string;
  readonly role: 'source' | 'target';
  readonly actorText: string;
  readonly code: string;
  readonly sector: string | null;
}

/** The actor mentions of PLOVER records (JSON array): problems for records that are not as expected. */
export function ploverMentions(records: unknown): { mentions: PloverMention[]; problems: string[] } {
  const mentions: PloverMention[] = [];
  const problems: string[] = [];
  if (!Array.isArray(records)) return { mentions, problems: ['not a JSON array of records'] };
  records.forEach((r: unknown, index) => {
    if (typeof r !== 'object' || r === null) {
      problems.push(`record ${index}: not an object`);
      return;
    }
    const rec = r as Record<string, unknown>;
    const id = typeof rec.id === 'string' ? rec.id : `#${index}`;
    for (const role of ['source', 'target'] as const) {
      const list = rec[role];
      if (list === undefined || list === null || list === '') continue;
      if (!Array.isArray(list)) {
        problems.push(`${id}: ${role} is not a list`);
        continue;
      }
      for (const a of list as unknown[]) {
        if (typeof a !== 'object' || a === null) {
          problems.push(`${id}: a ${role} actor is not an object`);
          continue;
        }
        const actor = a as Record<string, unknown>;
        if (typeof actor.actorText !== 'string' || typeof actor.code !== 'string') {
          problems.push(`${id}: a ${role} actor without actorText or code`);
          continue;
        }
        mentions.push({
          id,
          role,
          actorText: actor.actorText,
          code: actor.code,
          sector: typeof actor.sector === 'string' ? actor.sector : null,
        });
      }
    }
  });
  return { mentions, problems };
}

export interface PloverEvaluation {
  readonly mentions: number;
  /** mentions our classifier gives a track */
  readonly covered: number;
  /** mentions whose gold code names a track (a role or organisation code we read) */
  readonly gold: number;
  readonly agreeTrack: number;
  readonly agreeSector: number;
  /** gold mentions we give a track (agreement among them = precision) */
  readonly goldCovered: number;
  /** mentions coded with a country alone: gold says "a state, sector open" */
  readonly countryOnly: number;
  readonly countryOnlyWeSayTrack1: number;
  /** mentions whose gold code names no track (CRM, REF …) */
  readonly goldNoTrack: number;
  readonly goldNoTrackWeSayNone: number;
  /** gold track → our track (or "none") → count */
  readonly confusion: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly disagreements: readonly {
    readonly actorText: string;
    readonly gold: string;
    readonly ours: string;
    readonly reason: string;
  }[];
}

export function evaluateOnPlover(
  mentions: readonly PloverMention[],
  classify: (text: string) => ActorClassification = classifyActorText,
): PloverEvaluation {
  let covered = 0;
  let gold = 0;
  let agreeTrack = 0;
  let agreeSector = 0;
  let goldCovered = 0;
  let countryOnly = 0;
  let countryOnlyWeSayTrack1 = 0;
  let goldNoTrack = 0;
  let goldNoTrackWeSayNone = 0;
  const confusion: Record<string, Record<string, number>> = {};
  const disagreements: { actorText: string; gold: string; ours: string; reason: string }[] = [];
  for (const m of mentions) {
    const ours = classify(m.actorText);
    if (ours.track !== null) covered += 1;
    const reading = sectorOfPloverActor({ code: m.code, sector: m.sector });
    if (reading.status === 'state') {
      countryOnly += 1;
      if (ours.track === '1') countryOnlyWeSayTrack1 += 1;
      continue;
    }
    if (reading.status === 'no-track') {
      goldNoTrack += 1;
      if (ours.track === null) goldNoTrackWeSayNone += 1;
      continue;
    }
    if (reading.status !== 'classified' || reading.track === null) continue;
    gold += 1;
    const ourTrack = ours.track ?? 'none';
    const row = (confusion[reading.track] ??= {});
    row[ourTrack] = (row[ourTrack] ?? 0) + 1;
    if (ours.track !== null) goldCovered += 1;
    if (ours.track === reading.track) agreeTrack += 1;
    else {
      disagreements.push({
        actorText: m.actorText,
        gold: `${m.code}${m.sector ? `/${m.sector}` : ''} → ${reading.sector} (${reading.track})`,
        ours: `${ours.status} ${ours.sector ?? '-'} (${ours.track ?? '-'})`,
        reason: ours.reason,
      });
    }
    if (ours.sector === reading.sector) agreeSector += 1;
  }
  return {
    mentions: mentions.length,
    covered,
    gold,
    agreeTrack,
    agreeSector,
    goldCovered,
    countryOnly,
    countryOnlyWeSayTrack1,
    goldNoTrack,
    goldNoTrackWeSayNone,
    confusion,
    disagreements,
  };
}

export interface ThirdPartyEvaluation {
  readonly fields: number;
  readonly segments: number;
  readonly classified: number;
  /** classified, with a track */
  readonly withTrack: number;
  readonly noActor: number;
  readonly unknown: number;
  readonly byTrack: Readonly<Record<string, number>>;
  readonly topUnknown: readonly (readonly [string, number])[];
}

/** A third-party field, with the agreement's date (YYYY-MM-DD) to read dated dictionary entries by. */
export type ThirdPartyField = string | { readonly text: string; readonly date?: string };

export function evaluateThirdParties(
  fields: readonly ThirdPartyField[],
  classify: (text: string, options?: ClassifyOptions) => ActorClassification = classifyActorText,
  topN = 30,
): ThirdPartyEvaluation {
  let segments = 0;
  let classified = 0;
  let withTrack = 0;
  let noActor = 0;
  let unknown = 0;
  let nonEmpty = 0;
  const byTrack: Record<string, number> = {};
  const unknowns = new Map<string, number>();
  for (const entry of fields) {
    const field = typeof entry === 'string' ? entry : entry.text;
    const date = typeof entry === 'string' ? undefined : entry.date;
    if (!field.trim()) continue;
    nonEmpty += 1;
    const withDate = (t: string) => classify(t, date ? { date } : {});
    for (const s of splitThirdParties(field, withDate)) {
      segments += 1;
      const c = s.classification;
      if (c.status === 'classified') {
        classified += 1;
        const key = c.track ?? 'none';
        byTrack[key] = (byTrack[key] ?? 0) + 1;
        if (c.track !== null) withTrack += 1;
      } else if (c.status === 'no-actor') noActor += 1;
      else {
        unknown += 1;
        const key = s.text.replace(/\s+/g, ' ').slice(0, 80);
        unknowns.set(key, (unknowns.get(key) ?? 0) + 1);
      }
    }
  }
  const topUnknown = [...unknowns.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, topN);
  return { fields: nonEmpty, segments, classified, withTrack, noActor, unknown, byTrack, topUnknown };
}
