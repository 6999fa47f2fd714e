CREATE TABLE "chat_conversations" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"workflow_id" text NOT NULL,
	"title" text NOT NULL,
	"source" varchar(10) NOT NULL,
	"created_by" text,
	"trigger_id" text,
	"message_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"conversation_id" text NOT NULL,
	"seq" integer NOT NULL,
	"workspace_id" text NOT NULL,
	"role" varchar(10) NOT NULL,
	"content" text NOT NULL,
	"status" varchar(10) NOT NULL,
	"execution_id" text,
	"error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "chat_messages_conversation_id_seq_pk" PRIMARY KEY("conversation_id","seq")
);
--> statement-breakpoint
ALTER TABLE "workflow_triggers" ADD COLUMN "token_hash" text;--> statement-breakpoint
ALTER TABLE "chat_conversations" ADD CONSTRAINT "chat_conversations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_conversation_id_chat_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."chat_conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_chat_conversations_workflow" ON "chat_conversations" USING btree ("workspace_id","workflow_id","updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_chat_messages_execution" ON "chat_messages" USING btree ("execution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idx_workflow_triggers_token" ON "workflow_triggers" USING btree ("token_hash") WHERE token_hash IS NOT NULL;