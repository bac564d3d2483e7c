import type { SandboxUser, SmartClientConfig } from './smart-auth.types.ts';

/**
 * The sandbox users: the five fixed ones (briefs/common.md "Sandbox fixed facts") and a locum GP without the
 * restricted-record privilege, who can break the glass (issue 6 item 3). Names are synthetic.
 */
export const defaultSandboxUsers: readonly SandboxUser[] = [
  { id: 'sandbox-gp', role: 'gp', fhirUser: 'Practitioner/sandbox-gp', name: 'Dr Alex Morgan (GP)' },
  {
    id: 'sandbox-locum',
    role: 'gp',
    fhirUser: 'Practitioner/sandbox-locum',
    name: 'Dr Robin Hale (locum GP, no restricted access)',
    restrictedAccess: false,
  },
  {
    id: 'sandbox-mh-clinician',
    role: 'mh-clinician',
    fhirUser: 'Practitioner/sandbox-mh-clinician',
    name: 'Jordan Reyes (mental-health clinician)',
  },
  {
    id: 'sandbox-safeguarding-lead',
    role: 'safeguarding-lead',
    fhirUser: 'Practitioner/sandbox-safeguarding-lead',
    name: 'Priya Shah (safeguarding lead)',
  },
  {
    id: 'sandbox-data-lead',
    role: 'data-lead',
    fhirUser: 'Practitioner/sandbox-data-lead',
    name: 'Sam Okafor (data lead)',
  },
  {
    id: 'persona-samira',
    role: 'patient',
    fhirUser: 'Patient/persona-samira',
    name: 'Samira (patient, online access)',
  },
];

/** The SMART app client id (public, PKCE). */
export const APP_CLIENT_ID = 'safe-enquiry-app';
/** The backend client id (confidential, client_credentials) for the CDS service and extraction. */
export const SERVICE_CLIENT_ID = 'safe-enquiry-service';

/**
 * The two sandbox clients: `safe-enquiry-app` (public, redirect `{base}/app/`) and `safe-enquiry-service`
 * (confidential, client_credentials; its secret is `serviceClientSecret` or generated and kept in `dataDir`).
 */
export function defaultSandboxClients(
  publicBaseUrl: string,
  serviceClientSecret?: string,
): readonly SmartClientConfig[] {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return [
    {
      clientId: APP_CLIENT_ID,
      redirectUris: [`${base}/app/`],
      public: true,
      grantTypes: ['authorization_code', 'refresh_token'],
      scope:
        'openid fhirUser profile launch launch/patient launch/encounter offline_access online_access patient/*.cruds user/*.cruds',
    },
    {
      clientId: SERVICE_CLIENT_ID,
      redirectUris: [],
      public: false,
      ...(serviceClientSecret !== undefined ? { clientSecret: serviceClientSecret } : {}),
      grantTypes: ['client_credentials'],
      scope: 'system/*.cruds',
    },
  ];
}
