ALTER TABLE "agent_messages" ADD COLUMN "after_seq" integer;--> statement-breakpoint
ALTER TABLE "execution_steps" ADD COLUMN "messages" jsonb;