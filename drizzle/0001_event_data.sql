CREATE TABLE "imports" (
	"system_id" text NOT NULL,
	"kind" text NOT NULL,
	"sha256" text NOT NULL,
	"name" text NOT NULL,
	"summary" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL,
	CONSTRAINT "imports_system_id_kind_sha256_pk" PRIMARY KEY("system_id","kind","sha256")
);
--> statement-breakpoint
CREATE TABLE "interactions" (
	"system_id" text NOT NULL,
	"source" text NOT NULL,
	"target" text NOT NULL,
	"month" text NOT NULL,
	"source_track" text,
	"target_track" text,
	"events" integer NOT NULL,
	"mentions" integer NOT NULL,
	"goldstein_sum" double precision NOT NULL,
	"goldstein_count" integer NOT NULL,
	"tone_sum" double precision NOT NULL,
	"tone_count" integer NOT NULL,
	"quad1" integer NOT NULL,
	"quad2" integer NOT NULL,
	"quad3" integer NOT NULL,
	"quad4" integer NOT NULL,
	CONSTRAINT "interactions_system_id_source_target_month_pk" PRIMARY KEY("system_id","source","target","month")
);
--> statement-breakpoint
CREATE INDEX "interactions_month" ON "interactions" USING btree ("system_id","month");