-- Per-organisation quota overrides by key, so the module that owns a quota declares it
-- (modules/platform/quota_registry.hpp) instead of accounts keeping a column for each.
CREATE TABLE org_quota_overrides (
  org_id     TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  quota      TEXT NOT NULL,
  value      INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY (org_id, quota)
) STRICT;

INSERT INTO org_quota_overrides(org_id, quota, value, updated_ms)
  SELECT org_id, 'maxApps', max_apps, updated_ms FROM org_quotas WHERE max_apps IS NOT NULL
  UNION ALL
  SELECT org_id, 'maxHostApps', max_host_apps, updated_ms FROM org_quotas WHERE max_host_apps IS NOT NULL
  UNION ALL
  SELECT org_id, 'maxMembers', max_members, updated_ms FROM org_quotas WHERE max_members IS NOT NULL
  UNION ALL
  SELECT org_id, 'maxGrayPlans', max_gray_plans, updated_ms FROM org_quotas WHERE max_gray_plans IS NOT NULL
  UNION ALL
  SELECT org_id, 'maxPackageBytes', max_package_bytes, updated_ms FROM org_quotas WHERE max_package_bytes IS NOT NULL;

DROP TABLE org_quotas;
