CREATE TABLE "history" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"system_id" text NOT NULL,
	"record_id" text NOT NULL,
	"type" text NOT NULL,
	"op" text NOT NULL,
	"version" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "records" (
	"system_id" text NOT NULL,
	"id" text NOT NULL,
	"type" text NOT NULL,
	"ord" integer NOT NULL,
	"version" integer NOT NULL,
	"data" jsonb NOT NULL,
	"name" text NOT NULL,
	"search_text" text NOT NULL,
	"track" text,
	"owner" text NOT NULL,
	"existence" text NOT NULL,
	"content" text NOT NULL,
	"shared_with" text[] NOT NULL,
	"scope" text[] NOT NULL,
	"refs" text[] NOT NULL,
	"valid_from" text,
	"valid_to" text,
	"deleted" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', "search_text")) STORED,
	CONSTRAINT "records_system_id_id_pk" PRIMARY KEY("system_id","id")
);
--> statement-breakpoint
CREATE TABLE "systems" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"header" jsonb NOT NULL,
	"version" integer NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "history_record" ON "history" USING btree ("system_id","record_id","seq");--> statement-breakpoint
CREATE INDEX "history_at" ON "history" USING btree ("at");--> statement-breakpoint
CREATE INDEX "records_type" ON "records" USING btree ("system_id","type");--> statement-breakpoint
CREATE INDEX "records_refs" ON "records" USING gin ("refs");--> statement-breakpoint
CREATE INDEX "records_search" ON "records" USING gin ("search");