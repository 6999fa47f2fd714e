CREATE TABLE "trigger_firings" (
	"execution_id" text PRIMARY KEY NOT NULL,
	"trigger_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"kind" varchar(20) NOT NULL,
	"status" varchar(20) NOT NULL,
	"scheduled_for" timestamp with time zone,
	"source_execution_id" text,
	"claimed_until" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "workflow_triggers" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"kind" varchar(20) NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"config" jsonb NOT NULL,
	"secret" text,
	"source_workflow_id" text,
	"next_run_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workflow_triggers" ADD CONSTRAINT "workflow_triggers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_trigger_firings_trigger" ON "trigger_firings" USING btree ("trigger_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_trigger_firings_pending" ON "trigger_firings" USING btree ("scheduled_for") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "idx_workflow_triggers_workflow" ON "workflow_triggers" USING btree ("workspace_id","workflow_id");--> statement-breakpoint
CREATE INDEX "idx_workflow_triggers_due" ON "workflow_triggers" USING btree ("next_run_at") WHERE kind = 'schedule' AND enabled;--> statement-breakpoint
CREATE INDEX "idx_workflow_triggers_source" ON "workflow_triggers" USING btree ("source_workflow_id") WHERE kind = 'workflow_event' AND enabled;