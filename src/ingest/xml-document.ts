/**
 * XML documents for the graph exports (GEXF, GraphML), built with fast-xml-parser's XMLBuilder in one
 * configuration that is safe for any text: the builder turns &, <, >, quotes and apostrophes into
 * entities; before that, characters XML 1.0 cannot carry at all (most control characters, lone
 * surrogates, U+FFFE/U+FFFF) become U+FFFD, and in attribute values line breaks and tabs become spaces,
 * as every XML parser would read them anyway (attribute-value normalisation); in element text they are
 * kept. The value "true" is written as a value, never as a bare attribute name.
 */
import { XMLBuilder } from 'fast-xml-parser';

/** Attribute names in the trees below start with this prefix; text content sits under TEXT. */
export const ATTR = '@_';
export const TEXT = '#text';

export type XmlTree = { readonly [name: string]: XmlValue };
export type XmlValue = string | XmlTree | readonly XmlTree[];

// Characters outside XML 1.0's Char production: C0 controls but tab, line feed and carriage return;
// surrogate halves that are not part of a pair; U+FFFE and U+FFFF.
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text with every character XML 1.0 cannot hold replaced by U+FFFD. */
export function xmlSafeText(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  textNodeName: TEXT,
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
  processEntities: true,
  attributeValueProcessor: (_name: string, value: unknown) =>
    xmlSafeText(String(value)).replace(/\r\n|[\r\n\t]/g, ' '),
  tagValueProcessor: (_name: string, value: unknown) => xmlSafeText(String(value)),
});

/** The document: an XML declaration (UTF-8) and the tree. */
export function buildXml(root: XmlTree): string {
  return builder.build({
    '?xml': { [`${ATTR}version`]: '1.0', [`${ATTR}encoding`]: 'UTF-8' },
    ...root,
  }) as string;
}
