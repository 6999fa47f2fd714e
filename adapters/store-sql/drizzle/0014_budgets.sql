CREATE TABLE "budget_ledger" (
	"key" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"spent_usd" double precision DEFAULT 0 NOT NULL,
	"reserved_usd" double precision DEFAULT 0 NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budgets" (
	"workspace_id" text NOT NULL,
	"workflow_id" text DEFAULT '' NOT NULL,
	"daily_usd" double precision,
	"monthly_usd" double precision,
	"execution_usd" double precision,
	"on_exceed" varchar(10) DEFAULT 'fail' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budgets_workspace_id_workflow_id_pk" PRIMARY KEY("workspace_id","workflow_id")
);
--> statement-breakpoint
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_budget_ledger_workspace" ON "budget_ledger" USING btree ("workspace_id");--> statement-breakpoint
-- Reserves p_amount USD against every key (sorted by the caller: rows are locked in that order, so two calls
-- never deadlock) when none would pass its limit; returns 0, else the 1-based index of the first key that would.
CREATE FUNCTION af_budget_reserve(p_workspace text, p_keys text[], p_limits float8[], p_amount float8)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  i integer;
  used float8;
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_keys, 1), 0) LOOP
    INSERT INTO budget_ledger (key, workspace_id) VALUES (p_keys[i], p_workspace) ON CONFLICT (key) DO NOTHING;
    SELECT spent_usd + reserved_usd INTO used FROM budget_ledger WHERE key = p_keys[i] FOR UPDATE;
    IF used + p_amount > p_limits[i] THEN
      RETURN i;
    END IF;
  END LOOP;
  UPDATE budget_ledger SET reserved_usd = reserved_usd + p_amount, calls = calls + 1, updated_at = now()
    WHERE key = ANY(p_keys);
  RETURN 0;
END $$;
