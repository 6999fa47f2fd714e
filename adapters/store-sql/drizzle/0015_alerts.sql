CREATE TABLE "alert_defaults" (
	"workspace_id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_firings" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"rule_name" text NOT NULL,
	"kind" varchar(40) NOT NULL,
	"severity" varchar(20) NOT NULL,
	"threshold" double precision NOT NULL,
	"value" double precision NOT NULL,
	"pending_since" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_value" double precision,
	"resolution" varchar(20)
);
--> statement-breakpoint
CREATE TABLE "alert_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" varchar(40) NOT NULL,
	"threshold" double precision NOT NULL,
	"window_ms" integer NOT NULL,
	"duration_ms" integer NOT NULL,
	"severity" varchar(20) NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"channels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"default_key" varchar(40),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alert_state" (
	"rule_id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"next_eval_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"pending_since" timestamp with time zone,
	"firing_id" text,
	"firing_since" timestamp with time zone,
	"last_value" double precision,
	"last_evaluated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "alert_defaults" ADD CONSTRAINT "alert_defaults_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_firings" ADD CONSTRAINT "alert_firings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_state" ADD CONSTRAINT "alert_state_rule_id_alert_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."alert_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_alert_firings_workspace" ON "alert_firings" USING btree ("workspace_id","fired_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_alert_firings_open" ON "alert_firings" USING btree ("workspace_id") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "idx_alert_rules_workspace" ON "alert_rules" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "idx_alert_state_due" ON "alert_state" USING btree ("next_eval_at");