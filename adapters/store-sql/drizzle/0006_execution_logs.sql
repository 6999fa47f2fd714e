ALTER TABLE "agent_logs" ADD COLUMN "agent_id" text;--> statement-breakpoint
ALTER TABLE "agent_logs" ADD COLUMN "attempt" integer;--> statement-breakpoint
ALTER TABLE "workflow_executions" ADD COLUMN "log_count" integer DEFAULT 0 NOT NULL;