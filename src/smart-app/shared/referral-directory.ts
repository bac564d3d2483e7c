import type { ReferralService } from './app-config.schema.ts';

/**
 * The sandbox's local referral directory. Every name is fictional (Hardy's Wessex, as elsewhere in the sandbox) and
 * every number is in Ofcom's range reserved for drama (01632 960000–960999), so nothing here reaches a real service.
 * A deployment passes its own directory to `createSmartAppRouter`.
 */
export const SANDBOX_REFERRAL_DIRECTORY: readonly ReferralService[] = [
  {
    id: 'wessex-idva',
    target: 'idva',
    name: 'Wessex IDVA Service',
    phone: '01632 960101',
    hours: 'Mon–Fri 9:00–17:00',
    description: 'Independent domestic violence advisers for people at high risk; also take MARAC cases.',
  },
  {
    id: 'casterbridge-mhidva',
    target: 'mhidva',
    name: 'Casterbridge Mental Health IDVA',
    phone: '01632 960102',
    hours: 'Mon–Fri 9:00–17:00',
    description: 'An IDVA based in the mental-health trust, for patients under its care.',
  },
  {
    id: 'wessex-da-service',
    target: 'da-service',
    name: 'Wessex Domestic Abuse Service',
    phone: '01632 960103',
    hours: 'Every day 8:00–20:00',
    description: 'Specialist support, refuge and outreach for anyone experiencing domestic abuse.',
  },
  {
    id: 'casterbridge-marac',
    target: 'marac',
    name: 'Casterbridge MARAC coordinator',
    phone: '01632 960104',
    hours: 'Meets every two weeks',
    description: 'Multi-agency risk assessment conference for high-risk cases.',
  },
  {
    id: 'practice-safeguarding-adults',
    target: 'safeguarding-adults',
    name: 'Practice safeguarding lead (adults)',
    phone: '01632 960105',
  },
  {
    id: 'wessex-childrens-front-door',
    target: 'safeguarding-children',
    name: "Wessex children's services front door",
    phone: '01632 960106',
    hours: 'Out of hours: 01632 960107',
  },
];
