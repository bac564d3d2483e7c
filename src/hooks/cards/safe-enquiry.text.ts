/**
 * The guidance the cards carry, in GitHub-Flavored Markdown. Sources: NICE QS116 statement 1 (ask in a private
 * discussion), NICE PH50 (routine enquiry in mental-health services), WHO 2013 (first-line support), SafeLives DASH
 * RIC and MARAC criteria (shared/research/terminology.md §5), the survivors' asks in shared/docs/domain.md, and the
 * CAMHS and domestic abuse study poster (shared/seeds).
 */

export const CHECKLIST = `### Ask only when all of these are true
- The patient is **alone**: no partner, family member, friend or child over two in the room (not even waiting nearby)
- You are in a **private space** where you cannot be overheard
- If an interpreter is needed, a **professional interpreter**, never a family member or friend
- You can explain **confidentiality and its limits** (a risk to children or of serious harm)

If any is not true, do not ask now: dismiss this card with **Patient not alone** or **Not safe to ask now**; you will be prompted again at the next contact.`;

export const SUGGESTED_WORDS = `### Suggested words
> "Because it affects so many people's health, I ask everyone about their relationships and how things are at home."

> "Has anyone close to you — a partner, an ex-partner or someone in your family — hurt you, threatened you or made you feel afraid?"

> "Does anyone control what you do, who you see, or your money?"

Let them answer in their own time; do not push. Asking is worthwhile even if nothing is disclosed today.`;

export const ON_DISCLOSURE = `### If they tell you
1. Listen, **believe** them and thank them for telling you; it is not their fault.
2. Ask about **immediate safety**: is it safe to go home today? Are there children in the household?
3. **Assess risk** with the SafeLives DASH RIC (24 questions; 14 or more "yes" is high risk: refer to **MARAC**; professional judgement or escalation also qualify).
4. **Offer referral** to an IDVA or specialist service (a mental-health IDVA where available); respect their choice.
5. **Safeguard** children and adults at risk, following local procedure; agree how to contact them safely.
6. **Record it once, well**, with **Record and refer** below, so they never have to retell it: the record is restricted and hidden from online and proxy access.`;

export const DIAGNOSIS_NOTE =
  'These are indicators of possible domestic violence or abuse (NICE QS116); they are not a diagnosis. Ask; do not assume.';

export const WHOLE_FAMILY_GUIDANCE = `### Working with this family
- **Work with the non-abusing parent.** Their safety and the child's are bound together. Ask what would help them and the child be safe, not why they have not left. Remember their own trauma and mental health.
- **Take care before involving the abusing parent.** Letters, calls, invitations to sessions or sharing what the child has said can raise the risk to the child and the other parent. Agree any contact with the safeguarding lead first.
- **Contact may be court-ordered.** Ongoing contact with the abusing parent is often not the child's or the other parent's choice; it is not a sign that home is safe.
- **Standard family approaches may not fit.** Joint family sessions can be unsafe. Work on low mood or anxiety may not help while the situation at home continues — that is not a reason to close the case.
- **The child may love and fear the same parent.** Let them talk about both; see them alone when it is safe and appropriate.
- **Bridge the gap between services.** Speak to the adult service and the specialist domestic abuse service supporting the parent.`;

export const OWN_RELATIONSHIPS = `### Their own relationships (age 16–17)
From 16 the statutory definition of domestic abuse also covers the young person's own relationships (Domestic Abuse Act 2021, s.1). When they are alone and it is safe, ask about a partner or ex-partner as well as home. The checklist above applies.`;

export const RECORD_AND_REFER = `### Record and refer
Use **Record and refer** below to record what is known and make referrals (children's safeguarding, the specialist domestic abuse service, a young people's IDVA where available). The record is restricted and hidden from online and proxy access.`;

export const REVIEW_GUIDANCE = `### Review, do not re-ask
A disclosure is already on record, so no new enquiry is suggested: the patient should not have to retell their story.
- When they are **alone and it is safe**, ask whether anything has changed and whether they feel safe now.
- Check the **safety plan and referrals** are current; if there has been a further incident, repeat the DASH RIC and consider re-referral to MARAC (a further incident within 12 months is a "repeat" criterion).
- Open **Review the plan** below to see and update the record.`;

export const SOURCES_ENQUIRY =
  '_Sources: NICE QS116 statement 1; NICE PH50; NICE NG225; WHO 2013 guidelines; SafeLives DASH RIC and MARAC criteria._';

export const SOURCES_WHOLE_FAMILY =
  '_Sources: interview study of CAMHS, primary-care and domestic abuse professionals in three areas of England (CAMHS and domestic abuse poster); Domestic Abuse Act 2021; NICE PH50._';
