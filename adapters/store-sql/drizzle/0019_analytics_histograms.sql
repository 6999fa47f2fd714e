ALTER TABLE "analytics_execution_rollups" ADD COLUMN "duration_bins" integer[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_execution_rollups" ADD COLUMN "duration_counts" integer[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
-- Each row's durations become a histogram (bins of analytics-sql.ts: 0 under 1 ms, else floor(ln d / ln 1.04) + 1).
UPDATE "analytics_execution_rollups" r SET
  "duration_bins" = coalesce((SELECT array_agg(k ORDER BY k) FROM (SELECT DISTINCT CASE WHEN d < 1 THEN 0 ELSE floor(ln(d) / ln(1.04))::int + 1 END AS k FROM unnest(r."durations") AS d) b), '{}'),
  "duration_counts" = coalesce((SELECT array_agg(n ORDER BY k) FROM (SELECT CASE WHEN d < 1 THEN 0 ELSE floor(ln(d) / ln(1.04))::int + 1 END AS k, count(*)::int AS n FROM unnest(r."durations") AS d GROUP BY 1) c), '{}');--> statement-breakpoint
ALTER TABLE "analytics_execution_rollups" DROP COLUMN "durations";--> statement-breakpoint
-- The whole workspace's row of each hour (workflow_id ''), summed over its workflows.
INSERT INTO "analytics_execution_rollups" ("workspace_id", "hour", "workflow_id", "total", "succeeded", "failed", "cancelled", "cost_usd", "duration_bins", "duration_counts")
SELECT t."workspace_id", t."hour", '', t."total", t."succeeded", t."failed", t."cancelled", t."cost_usd",
  coalesce((SELECT array_agg(k ORDER BY k) FROM (SELECT h.k, sum(h.n)::int AS n FROM "analytics_execution_rollups" x, unnest(x."duration_bins", x."duration_counts") AS h(k, n) WHERE x."workspace_id" = t."workspace_id" AND x."hour" = t."hour" AND x."workflow_id" <> '' GROUP BY h.k) m), '{}'),
  coalesce((SELECT array_agg(n ORDER BY k) FROM (SELECT h.k, sum(h.n)::int AS n FROM "analytics_execution_rollups" x, unnest(x."duration_bins", x."duration_counts") AS h(k, n) WHERE x."workspace_id" = t."workspace_id" AND x."hour" = t."hour" AND x."workflow_id" <> '' GROUP BY h.k) m), '{}')
FROM (
  SELECT "workspace_id", "hour", sum("total")::int AS "total", sum("succeeded")::int AS "succeeded", sum("failed")::int AS "failed",
    sum("cancelled")::int AS "cancelled", sum("cost_usd") AS "cost_usd"
  FROM "analytics_execution_rollups" WHERE "workflow_id" <> '' GROUP BY 1, 2
) t
ON CONFLICT ("workspace_id", "hour", "workflow_id") DO NOTHING;--> statement-breakpoint
ALTER TABLE "analytics_execution_rollups" ALTER COLUMN "duration_bins" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "analytics_execution_rollups" ALTER COLUMN "duration_counts" DROP DEFAULT;
