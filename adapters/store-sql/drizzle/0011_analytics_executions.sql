CREATE TABLE "analytics_execution_rollups" (
	"workspace_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"workflow_id" text NOT NULL,
	"total" integer NOT NULL,
	"succeeded" integer NOT NULL,
	"failed" integer NOT NULL,
	"cancelled" integer NOT NULL,
	"cost_usd" double precision NOT NULL,
	"durations" double precision[] NOT NULL,
	CONSTRAINT "analytics_execution_rollups_workspace_id_hour_workflow_id_pk" PRIMARY KEY("workspace_id","hour","workflow_id")
);
