// The domains module (docs/openapi.json tags "Domains" and "Platform domain lists"): a
// mini-program's five lists under an ETag, business-domain verification, the platform lists.
import { bindRoutes, type BodyOf, type RouteTable, type Schemas } from './client';

export const domainsRoutes = {
  appDomains: ['GET', '/api/v1/apps/{appId}/domains'],
  replaceAppDomains: ['PUT', '/api/v1/apps/{appId}/domains'],
  verifyWebviewDomain: ['POST', '/api/v1/apps/{appId}/domains/webview/{host}/verify'],
  domainVerification: ['GET', '/api/v1/orgs/{orgId}/domain-verification'],
  whitelist: ['GET', '/api/v1/platform/domain-whitelist'],
  addWhitelist: ['POST', '/api/v1/platform/domain-whitelist'],
  removeWhitelist: ['DELETE', '/api/v1/platform/domain-whitelist/{host}'],
  blocklist: ['GET', '/api/v1/platform/domain-blocklist'],
  addBlocklist: ['POST', '/api/v1/platform/domain-blocklist'],
  removeBlocklist: ['DELETE', '/api/v1/platform/domain-blocklist/{host}'],
  flaggedDomains: ['GET', '/api/v1/platform/flagged-domains'],
  certificates: ['GET', '/api/v1/platform/certificates'],
  addCertificate: ['POST', '/api/v1/platform/certificates'],
  certificate: ['GET', '/api/v1/platform/certificates/{certificateId}'],
  deleteCertificate: ['DELETE', '/api/v1/platform/certificates/{certificateId}'],
  orgCertificates: ['GET', '/api/v1/orgs/{orgId}/certificates'],
  addOrgCertificate: ['POST', '/api/v1/orgs/{orgId}/certificates'],
  orgCertificate: ['GET', '/api/v1/orgs/{orgId}/certificates/{certificateId}'],
  deleteOrgCertificate: ['DELETE', '/api/v1/orgs/{orgId}/certificates/{certificateId}'],
  certificateRequests: ['GET', '/api/v1/platform/certificate-requests'],
  createCertificateRequest: ['POST', '/api/v1/platform/certificate-requests'],
  certificateRequest: ['GET', '/api/v1/platform/certificate-requests/{requestId}'],
  completeCertificateRequest: ['POST', '/api/v1/platform/certificate-requests/{requestId}/certificate'],
  deleteCertificateRequest: ['DELETE', '/api/v1/platform/certificate-requests/{requestId}'],
} as const satisfies RouteTable;

type Routes = typeof domainsRoutes;

export const DOMAIN_KINDS = ['request', 'socket', 'upload', 'download', 'webview'] as const;
export type DomainKind = (typeof DOMAIN_KINDS)[number];
export type DomainLists = Schemas['DomainLists'];
export type DomainVerification = Schemas['DomainVerification'];
export type PlatformDomain = Schemas['PlatformDomain'];
export type FlaggedApp = Schemas['FlaggedApp'];
export type PlatformList = 'whitelist' | 'blocklist';
export type Certificate = Schemas['Certificate'];
export type CertificateRequest = Schemas['CertificateRequest'];
export const CSR_KEY_TYPES = ['EC-P256', 'RSA-2048', 'RSA-3072'] as const;

const { call } = bindRoutes(domainsRoutes);

export const domainsApi = {
  get: (appId: string) => call('appDomains', { appId }),
  /** Replaces all five lists; `revision` is the one read (its ETag), so a concurrent edit answers 412. */
  replace: (appId: string, revision: number, body: BodyOf<Routes['replaceAppDomains']>) =>
    call('replaceAppDomains', { appId }, { body, headers: { 'If-Match': `"${revision}"` } }),
  verify: (appId: string, host: string) => call('verifyWebviewDomain', { appId, host }),
  verificationFile: (orgId: string) => call('domainVerification', { orgId }),
  list: (list: PlatformList) => call(list, {}),
  add: (list: PlatformList, body: BodyOf<Routes['addWhitelist']>) =>
    list === 'whitelist' ? call('addWhitelist', {}, { body }) : call('addBlocklist', {}, { body: { host: body.host, note: body.note } }),
  remove: (list: PlatformList, host: string) =>
    list === 'whitelist' ? call('removeWhitelist', { host }) : call('removeBlocklist', { host }),
  flagged: () => call('flaggedDomains', {}),
  certificates: () => call('certificates', {}),
  addCertificate: (body: BodyOf<Routes['addCertificate']>) => call('addCertificate', {}, { body }),
  certificate: (certificateId: string) => call('certificate', { certificateId }),
  deleteCertificate: (certificateId: string) => call('deleteCertificate', { certificateId }),
  certificateRequests: () => call('certificateRequests', {}),
  /** Cove generates the key (kept sealed) and answers the CSR to hand to a CA. */
  createCertificateRequest: (body: BodyOf<Routes['createCertificateRequest']>) => call('createCertificateRequest', {}, { body }),
  /** The CA's chain for the generated key completes a platform certificate. */
  completeCertificateRequest: (requestId: string, certificate: string) =>
    call('completeCertificateRequest', { requestId }, { body: { certificate } }),
  deleteCertificateRequest: (requestId: string) => call('deleteCertificateRequest', { requestId }),
  orgCertificates: (orgId: string) => call('orgCertificates', { orgId }),
  addOrgCertificate: (orgId: string, certificate: string) => call('addOrgCertificate', { orgId }, { body: { certificate } }),
  orgCertificate: (orgId: string, certificateId: string) => call('orgCertificate', { orgId, certificateId }),
  deleteOrgCertificate: (orgId: string, certificateId: string) => call('deleteOrgCertificate', { orgId, certificateId }),
};
