import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Request, type Response, Router } from 'express';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import type { ScopeGrant } from '../fhir/access.ts';
import type { ClientRegistry } from './client.registry.ts';
import { mayBreakGlass } from './label-policy.ts';
import type { GrantContext, LaunchContextStore } from './launch-context.store.ts';
import { renderErrorPage, renderLoginPage } from './login.page.ts';
import { parseBreakGlassReason, TTL } from './provider.config.ts';
import { mayRoleHaveScope } from './role-scope.policy.ts';
import type { SandboxUser } from './smart-auth.types.ts';
import { splitScope } from './smart-scope.parser.ts';

/** Patients a clinician may pick as standalone context (the Crossing Pathways personas, common.md). */
export const STANDALONE_PATIENTS = [
  'persona-samira',
  'persona-tara',
  'persona-kate',
  'persona-emily',
  'persona-mary',
] as const;

export interface InteractionDeps {
  readonly provider: Provider;
  readonly fhirBase: string;
  readonly registry: ClientRegistry;
  readonly users: ReadonlyMap<string, SandboxUser>;
  readonly launches: LaunchContextStore;
}

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

const loginForm = z.object({
  user: z.string().min(1).max(100),
  patient: z.enum(STANDALONE_PATIENTS).optional(),
});

function sendPage(res: Response, status: number, page: { html: string; csp: string }): void {
  res
    .status(status)
    .set({
      'Content-Security-Policy': page.csp,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    })
    .type('html')
    .send(page.html);
}

function patientIdOf(user: SandboxUser): string | undefined {
  return /^Patient\/([^/]+)$/.exec(user.fhirUser)?.[1];
}

function scopeContexts(user: SandboxUser): ReadonlySet<ScopeGrant['context']> {
  return user.role === 'patient' ? new Set(['patient']) : new Set(['patient', 'user']);
}

/** Grants what the user (by role, role-scope.policy) and client may have of what was asked; the rest is recorded as rejected (no re-prompt). */
async function createGrant(
  deps: InteractionDeps,
  interaction: Interaction,
  user: SandboxUser,
): Promise<string> {
  const clientId = String(interaction.params.client_id);
  const requested = splitScope(
    typeof interaction.params.scope === 'string' ? interaction.params.scope : undefined,
  );
  const statics = deps.registry.staticScopes(clientId);
  const contexts = scopeContexts(user);
  const resource = requested.filter(
    (s) => deps.registry.allowsResourceScope(clientId, s, contexts) && mayRoleHaveScope(user.role, s),
  );
  const rejected = requested.filter((s) => !statics.has(s) && !resource.includes(s));
  const grant = new deps.provider.Grant({ accountId: user.id, clientId });
  grant.addOIDCScope(requested.filter((s) => statics.has(s)));
  if (resource.length > 0) grant.addResourceScope(deps.fhirBase, resource);
  if (rejected.length > 0) grant.rejectResourceScope(deps.fhirBase, rejected);
  return grant.save();
}

/**
 * Trap 4's other half: the launch names the user, so a browser session signed in as someone else is ended first
 * (oidc-provider would otherwise ask the browser to confirm a logout with a scripted form).
 */
async function detachForeignSession(provider: Provider, interaction: Interaction, accountId: string) {
  const current = interaction.session;
  if (current === undefined || current.accountId === accountId) return;
  const session = await provider.Session.findByUid(current.uid);
  await session?.destroy();
  delete interaction.session;
  await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
}

/**
 * Signs the user in with one fresh grant bound to the launch context. A `break_glass_reason` on the authorize request
 * (only for treating clinicians) is recorded with the grant: its access tokens carry the reason, and every restricted
 * read with them is audited as ETREAT; no refresh token is issued for it (provider.config.ts).
 */
async function complete(
  deps: InteractionDeps,
  http: { req: IncomingMessage; res: ServerResponse },
  interaction: Interaction,
  user: SandboxUser,
  context: GrantContext,
): Promise<void> {
  const breakGlassReason = parseBreakGlassReason(interaction.params.break_glass_reason);
  if (breakGlassReason !== undefined && !mayBreakGlass(user.role)) {
    await deps.provider.interactionFinished(http.req, http.res, {
      error: 'access_denied',
      error_description: 'break-the-glass access is only for treating clinicians',
    });
    return;
  }
  await detachForeignSession(deps.provider, interaction, user.id);
  const grantId = await createGrant(deps, interaction, user);
  const grantContext: GrantContext = {
    ...context,
    ...(breakGlassReason !== undefined ? { breakGlassReason } : {}),
    ...(user.restrictedAccess === false ? { unprivileged: true } : {}),
  };
  deps.launches.bindGrant(grantId, grantContext, TTL.grant);
  await deps.provider.interactionFinished(
    http.req,
    http.res,
    { login: { accountId: user.id }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

function refuse(deps: InteractionDeps, req: Request, res: Response, description: string): Promise<void> {
  return deps.provider.interactionFinished(req, res, {
    error: 'access_denied',
    error_description: description,
  });
}

/** EHR launch: the launch value names user, patient and encounter, so sign-in and consent complete at once. */
async function completeEhrLaunch(
  deps: InteractionDeps,
  req: Request,
  res: Response,
  interaction: Interaction,
) {
  const context = deps.launches.take(String(interaction.params.launch));
  const user = context === undefined ? undefined : deps.users.get(context.userId);
  if (context === undefined || user === undefined) {
    await refuse(deps, req, res, 'launch is unknown, already used or expired');
    return;
  }
  const patient = patientIdOf(user) ?? context.patient;
  await complete(deps, { req, res }, interaction, user, {
    ...(patient !== undefined ? { patient } : {}),
    ...(context.encounter !== undefined ? { encounter: context.encounter } : {}),
    ...(context.fhirContext !== undefined ? { fhirContext: context.fhirContext } : {}),
    ...(context.appContext !== undefined ? { appContext: context.appContext } : {}),
    needPatientBanner: context.needPatientBanner ?? true,
  });
}

function showLogin(deps: InteractionDeps, req: Request, res: Response, interaction: Interaction): void {
  const clientId = String(interaction.params.client_id);
  const scope = typeof interaction.params.scope === 'string' ? interaction.params.scope : '';
  const page = renderLoginPage({
    formAction: `${req.baseUrl}/interaction/${interaction.uid}/login`,
    clientId,
    scope,
    users: [...deps.users.values()],
    patients: STANDALONE_PATIENTS,
    askPatient: splitScope(scope).includes('launch/patient'),
    redirectOrigins: deps.registry.redirectOrigins(clientId),
  });
  sendPage(res, 200, page);
}

/** Standalone launch: the user picked on the login page; a patient user is always their own patient context. */
async function completeLogin(deps: InteractionDeps, req: Request, res: Response, interaction: Interaction) {
  const form = loginForm.safeParse(req.body);
  const user = form.success ? deps.users.get(form.data.user) : undefined;
  if (!form.success || user === undefined) {
    sendPage(res, 400, renderErrorPage('invalid_request', 'Pick one of the listed users.'));
    return;
  }
  const scope = typeof interaction.params.scope === 'string' ? interaction.params.scope : undefined;
  const wantsPatient = splitScope(scope).includes('launch/patient');
  const patient =
    patientIdOf(user) ?? (wantsPatient ? (form.data.patient ?? STANDALONE_PATIENTS[0]) : undefined);
  await complete(deps, { req, res }, interaction, user, patient ? { patient, needPatientBanner: true } : {});
}

type Step = (
  deps: InteractionDeps,
  req: Request,
  res: Response,
  interaction: Interaction,
) => Promise<void> | void;

function step(deps: InteractionDeps, run: Step) {
  return async (req: Request, res: Response): Promise<void> => {
    let interaction: Interaction;
    try {
      interaction = await deps.provider.interactionDetails(req, res);
    } catch {
      sendPage(
        res,
        400,
        renderErrorPage('invalid_request', 'This sign-in has expired. Start the launch again.'),
      );
      return;
    }
    if (interaction.uid !== req.params.uid) {
      sendPage(res, 400, renderErrorPage('invalid_request', 'This sign-in does not match the current one.'));
      return;
    }
    await run(deps, req, res, interaction);
  };
}

/** `/interaction/:uid`: EHR launches complete at once; standalone launches show the login page. */
export function interactionRoutes(deps: InteractionDeps): Router {
  const router = Router();
  router.get(
    '/interaction/:uid',
    step(deps, (d, req, res, interaction) =>
      interaction.params.launch === undefined
        ? showLogin(d, req, res, interaction)
        : completeEhrLaunch(d, req, res, interaction),
    ),
  );
  router.post(
    '/interaction/:uid/login',
    express.urlencoded({ extended: false, limit: '8kb' }),
    step(deps, (d, req, res, interaction) =>
      interaction.params.launch === undefined
        ? completeLogin(d, req, res, interaction)
        : completeEhrLaunch(d, req, res, interaction),
    ),
  );
  return router;
}
