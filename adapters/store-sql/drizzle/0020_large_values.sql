CREATE TABLE "large_values" (
	"id" text NOT NULL,
	"part" integer NOT NULL,
	"execution_id" text NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "large_values_id_part_pk" PRIMARY KEY("id","part")
);
--> statement-breakpoint
CREATE INDEX "idx_large_values_execution" ON "large_values" USING btree ("execution_id");--> statement-breakpoint
-- Plain JSON text, stored out of line without compression (large-values.ts: no jsonb parsing, no pglz).
ALTER TABLE "large_values" ALTER COLUMN "body" SET STORAGE EXTERNAL;--> statement-breakpoint
-- A JSON column as text, with a large value's reference ({"$afLarge": id}) replaced by its text.
CREATE FUNCTION af_text(v jsonb) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN jsonb_typeof(v) = 'object' AND v ? '$afLarge'
    THEN (SELECT string_agg(l.body, '' ORDER BY l.part) FROM large_values l WHERE l.id = v ->> '$afLarge')
    ELSE v::text END
$$;--> statement-breakpoint
-- A step's messages array as text, each message's large payload reference replaced by its text.
CREATE FUNCTION af_messages(v jsonb) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN NOT EXISTS (
      SELECT 1 FROM jsonb_array_elements(v) AS m
      WHERE jsonb_typeof(m -> 'payload') = 'object' AND m -> 'payload' ? '$afLarge')
    THEN v::text
    ELSE (
      SELECT '[' || string_agg(
        CASE WHEN jsonb_typeof(e.m -> 'payload') = 'object' AND e.m -> 'payload' ? '$afLarge'
          THEN left((e.m - 'payload')::text, -1) || ', "payload": ' || af_text(e.m -> 'payload') || '}'
          ELSE e.m::text END, ', ' ORDER BY e.n) || ']'
      FROM jsonb_array_elements(v) WITH ORDINALITY AS e(m, n))
    END
$$;
