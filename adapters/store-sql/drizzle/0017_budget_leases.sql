CREATE TABLE "budget_leases" (
	"key" text NOT NULL,
	"holder" text NOT NULL,
	"workspace_id" text NOT NULL,
	"amount_usd" double precision DEFAULT 0 NOT NULL,
	"held_usd" double precision DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "budget_leases_key_holder_pk" PRIMARY KEY("key","holder")
);
--> statement-breakpoint
-- Budget leases (issue 17 item 4): a process (p_holder) takes allowance from a limit in chunks and checks its
-- calls against what it holds. budget_ledger.reserved_usd is the sum of the key's leases' amount_usd.
-- Leases p_want[i] (or what is left under p_limits[i], if less) on each key to p_holder when every key can give
-- at least p_need[i]; keys sorted by the caller (ledger rows are locked in that order, then lease rows: every
-- budget function locks in that order, so none deadlocks). Leases of the key that expired first go back: what
-- their holder last reported in flight (held_usd) counts as spent, the rest is free again. Returns refused = 0
-- and the grants, or refused = the 1-based index of the first key that cannot give its need (nothing granted).
CREATE FUNCTION af_budget_lease(p_workspace text, p_holder text, p_keys text[], p_limits float8[],
  p_need float8[], p_want float8[], p_held float8[], p_ttl_ms float8, OUT refused integer, OUT granted float8[])
LANGUAGE plpgsql AS $$
DECLARE
  i integer;
  n integer := coalesce(array_length(p_keys, 1), 0);
  used float8;
  back float8;
  burnt float8;
  g float8;
BEGIN
  refused := 0;
  granted := '{}';
  FOR i IN 1 .. n LOOP
    INSERT INTO budget_ledger (key, workspace_id) VALUES (p_keys[i], p_workspace) ON CONFLICT (key) DO NOTHING;
    PERFORM 1 FROM budget_ledger WHERE key = p_keys[i] FOR UPDATE;
    WITH gone AS (
      DELETE FROM budget_leases WHERE key = p_keys[i] AND expires_at < now() RETURNING amount_usd, held_usd
    ) SELECT coalesce(sum(amount_usd), 0), coalesce(sum(least(held_usd, amount_usd)), 0) INTO back, burnt FROM gone;
    UPDATE budget_ledger SET reserved_usd = greatest(reserved_usd - back, 0), spent_usd = spent_usd + burnt
      WHERE key = p_keys[i] AND back > 0
      RETURNING spent_usd + reserved_usd INTO used;
    IF NOT FOUND THEN
      SELECT spent_usd + reserved_usd INTO used FROM budget_ledger WHERE key = p_keys[i];
    END IF;
    -- Rounded down to a nano-dollar, so float sums never pass the limit by a rounding error.
    g := least(p_want[i], floor((p_limits[i] - used) * 1e9) / 1e9);
    IF p_need[i] > 0 AND g < p_need[i] THEN
      refused := i;
      RETURN;
    END IF;
    granted := granted || greatest(g, 0);
  END LOOP;
  FOR i IN 1 .. n LOOP
    g := granted[i];
    UPDATE budget_ledger SET reserved_usd = reserved_usd + g, updated_at = now() WHERE key = p_keys[i] AND g > 0;
    INSERT INTO budget_leases AS l (key, holder, workspace_id, amount_usd, held_usd, expires_at)
      VALUES (p_keys[i], p_holder, p_workspace, g, p_held[i], now() + make_interval(secs => p_ttl_ms / 1000))
      ON CONFLICT (key, holder) DO UPDATE SET amount_usd = l.amount_usd + g, held_usd = p_held[i],
        expires_at = EXCLUDED.expires_at;
  END LOOP;
END $$;
--> statement-breakpoint
-- Writes what p_holder spent (p_spent[i] USD over p_calls[i] calls) on each key (sorted by the caller): spent
-- grows and the lease and the ledger's reserved shrink by as much; the lease's held_usd becomes p_held[i] and
-- its expiry is renewed, or, when p_release[i], the lease is deleted and its rest is free again (the holder
-- has nothing in flight on it). A key whose lease is gone (it expired and another process took it back) gets
-- its spend all the same (counted again: early, never late) and is returned in `lost`.
CREATE FUNCTION af_budget_flush(p_holder text, p_keys text[], p_spent float8[], p_calls integer[],
  p_held float8[], p_release boolean[], p_ttl_ms float8)
RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
  i integer;
  left_ float8;
  lost text[] := '{}';
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_keys, 1), 0) LOOP
    PERFORM 1 FROM budget_ledger WHERE key = p_keys[i] FOR UPDATE;
    SELECT amount_usd INTO left_ FROM budget_leases WHERE key = p_keys[i] AND holder = p_holder FOR UPDATE;
    IF NOT FOUND THEN
      UPDATE budget_ledger SET spent_usd = spent_usd + p_spent[i], calls = calls + p_calls[i], updated_at = now()
        WHERE key = p_keys[i];
      IF NOT p_release[i] THEN lost := lost || p_keys[i]; END IF;
    ELSIF p_release[i] THEN
      DELETE FROM budget_leases WHERE key = p_keys[i] AND holder = p_holder;
      UPDATE budget_ledger SET spent_usd = spent_usd + p_spent[i], calls = calls + p_calls[i],
        reserved_usd = greatest(reserved_usd - left_, 0), updated_at = now() WHERE key = p_keys[i];
    ELSE
      UPDATE budget_leases SET amount_usd = greatest(left_ - p_spent[i], 0), held_usd = p_held[i],
        expires_at = now() + make_interval(secs => p_ttl_ms / 1000) WHERE key = p_keys[i] AND holder = p_holder;
      UPDATE budget_ledger SET spent_usd = spent_usd + p_spent[i], calls = calls + p_calls[i],
        reserved_usd = greatest(reserved_usd - least(p_spent[i], left_), 0), updated_at = now()
        WHERE key = p_keys[i];
    END IF;
  END LOOP;
  RETURN lost;
END $$;
--> statement-breakpoint
-- Replaced by the leases above: a call no longer reserves in the store.
DROP FUNCTION af_budget_reserve(text, text[], float8[], float8);
