import type { svTeam } from './sv-team';

/** English messages of the team at work; spread into en.ts. */
export const enTeam: { readonly [Key in keyof typeof svTeam]: string } = {
  'team.organisationHint': 'Listed are your own organisation and the organisations the participant has consented to.',
  'team.noConsentedOrganisations': 'The participant has not consented to any other organisation yet, so only staff of your own organisation can be added. Record a consent under Consents to invite someone from another organisation.',
  'team.noConsentForOrganisation': 'The participant has no consent in force for this organisation. Record a consent first, under Consents.',
  'team.withoutConsent': 'No consent in force for {organisation}. The person sees nothing in the case at the moment. Record a new consent or remove the person from the team.',
  'team.handOverTitle': 'Hand over the coordinator role',
  'team.handOverIntro': 'The new coordinator takes over responsibility for the case and the team. The present coordinator stays on the team as a member.',
  'team.handOverIntroNoCoordinator': 'The case has no coordinator. Choose a coordinator in your organisation.',
  'team.newCoordinator': 'New coordinator',
  'team.chooseCoordinator': 'Choose a coordinator',
  'team.noCoordinatorCandidates': 'There is no other coordinator in your organisation',
  'team.newCoordinatorMissing': 'Choose who is to be the new coordinator.',
  'team.handOver': 'Hand over',
  'team.handOverQuestion': 'Hand over the coordinator role to {name}?',
  'team.handOverConfirm': 'Yes, hand over',
  'team.handedOver': '{name} is now the coordinator of the case.',
  'team.handOverStale': 'Someone else changed the case meanwhile. The case has been reloaded, so please try again.',
  'team.invalidCoordinator': 'The new coordinator must be an active coordinator in your organisation.',
  'meetings.edit': 'Change the meeting',
  'meetings.editTitle': 'Change the SIP meeting',
  'meetings.saveChanges': 'Save the meeting',
  'meetings.changed': 'The meeting has been changed.',
  'meetings.editStale': 'Someone else changed the meeting while you were writing. The form now shows the latest details. Make your changes again and save.',
  'notifications.coordinatorAssigned': 'You have been made the coordinator of a case.',
} as const;
