// Version review (issue 14) is on by default: a version is released only after a reviewer approved
// it. Story set-up that is not about review goes through it by the API.
import assert from 'node:assert/strict';
import { apiCall } from './ui.mjs';

/** Submits an uploaded version (its pre-checks must not fail) and approves it as `reviewerToken`. */
export async function approveVersion(baseUrl, orgToken, reviewerToken, appId, version) {
  const submitted = await apiCall(baseUrl, 'POST', `/api/v1/apps/${appId}/versions/${version}/submit`, orgToken, {});
  assert.equal(submitted.status, 'in_review', `pre-checks of ${version}: ${JSON.stringify(submitted.review?.checks)}`);
  await apiCall(baseUrl, 'POST', `/api/v1/platform/reviews/${submitted.reviewId}/approve`, reviewerToken, {});
  return submitted.reviewId;
}

/** An operator lets the organisation release without review (a trusted organisation). */
export async function allowSelfRelease(baseUrl, adminToken, orgId) {
  await apiCall(baseUrl, 'PUT', `/api/v1/platform/orgs/${orgId}/review-policy`, adminToken, { required: false });
}
