CREATE TABLE "analytics_agent_daily" (
	"workspace_id" text NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"workflow_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"steps" integer NOT NULL,
	"failed" integer NOT NULL,
	"input_tokens" double precision NOT NULL,
	"output_tokens" double precision NOT NULL,
	"cost_usd" double precision NOT NULL,
	CONSTRAINT "analytics_agent_daily_workspace_id_day_workflow_id_agent_id_pk" PRIMARY KEY("workspace_id","day","workflow_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_model_daily" (
	"workspace_id" text NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"workflow_id" text NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"calls" integer NOT NULL,
	"errors" integer NOT NULL,
	"input_tokens" double precision NOT NULL,
	"output_tokens" double precision NOT NULL,
	"cost_usd" double precision NOT NULL,
	CONSTRAINT "analytics_model_daily_workspace_id_day_workflow_id_provider_model_pk" PRIMARY KEY("workspace_id","day","workflow_id","provider","model")
);
