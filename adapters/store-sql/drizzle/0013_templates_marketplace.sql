CREATE TABLE "template_ratings" (
	"template_id" text NOT NULL,
	"user_id" text NOT NULL,
	"stars" integer NOT NULL,
	"review" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "template_ratings_template_id_user_id_pk" PRIMARY KEY("template_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "template_versions" (
	"template_id" text NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changelog" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "template_versions_template_id_version_pk" PRIMARY KEY("template_id","version")
);
--> statement-breakpoint
ALTER TABLE "agent_templates" ADD COLUMN "kind" varchar(20) DEFAULT 'agent' NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_templates" ADD COLUMN "tags" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_templates" ADD COLUMN "icon" varchar(64);--> statement-breakpoint
ALTER TABLE "agent_templates" ADD COLUMN "author" varchar(100);--> statement-breakpoint
ALTER TABLE "agent_templates" ADD COLUMN "credentials" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_templates" ADD COLUMN "script" jsonb;--> statement-breakpoint
ALTER TABLE "agent_templates" ADD COLUMN "sample_input" jsonb;--> statement-breakpoint
ALTER TABLE "agent_templates" ADD COLUMN "node_type" varchar(64);--> statement-breakpoint
ALTER TABLE "agent_templates" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_templates" ADD COLUMN "rating_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "agent_templates" ADD COLUMN "builtin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "template_ratings" ADD CONSTRAINT "template_ratings_template_id_agent_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."agent_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_template_id_agent_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."agent_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_template_ratings_updated" ON "template_ratings" USING btree ("template_id","updated_at");--> statement-breakpoint
CREATE INDEX "idx_templates_downloads" ON "agent_templates" USING btree ("downloads");--> statement-breakpoint
CREATE INDEX "idx_templates_created" ON "agent_templates" USING btree ("created_at");--> statement-breakpoint
UPDATE "agent_templates" SET "kind" = 'workflow' WHERE jsonb_typeof("default_config"->'workflow') = 'object';