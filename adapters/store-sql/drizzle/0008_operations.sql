CREATE TABLE "analytics_agent_rollups" (
	"workspace_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"workflow_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"steps" integer NOT NULL,
	"failed" integer NOT NULL,
	"input_tokens" double precision NOT NULL,
	"output_tokens" double precision NOT NULL,
	"cost_usd" double precision NOT NULL,
	CONSTRAINT "analytics_agent_rollups_workspace_id_hour_workflow_id_agent_id_pk" PRIMARY KEY("workspace_id","hour","workflow_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_model_rollups" (
	"workspace_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"workflow_id" text NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"calls" integer NOT NULL,
	"errors" integer NOT NULL,
	"input_tokens" double precision NOT NULL,
	"output_tokens" double precision NOT NULL,
	"cost_usd" double precision NOT NULL,
	CONSTRAINT "analytics_model_rollups_workspace_id_hour_workflow_id_provider_model_pk" PRIMARY KEY("workspace_id","hour","workflow_id","provider","model")
);
--> statement-breakpoint
CREATE TABLE "analytics_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"folded_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "execution_steps" ADD COLUMN "reused_from" text;--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD COLUMN "forked_from_execution_id" text;--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD COLUMN "forked_from_node" text;--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD COLUMN "forked_from_input" jsonb;--> statement-breakpoint
CREATE INDEX "idx_executions_forked_from" ON "workflow_executions" USING btree ("forked_from_execution_id") WHERE forked_from_execution_id is not null;--> statement-breakpoint
CREATE INDEX "idx_executions_analytics" ON "workflow_executions" USING btree ("workspace_id","created_at","status","workflow_id","started_at","completed_at","cost_usd") WHERE parent_execution_id is null;--> statement-breakpoint
CREATE INDEX "idx_executions_waiting" ON "workflow_executions" USING btree ("workspace_id","created_at") WHERE status not in ('succeeded', 'failed', 'cancelled') and waiting <> '[]'::jsonb;