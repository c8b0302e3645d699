import type { svAccount } from './sv-account';

/** English messages of the user's own account; spread into en.ts. */
export const enAccount: { readonly [Key in keyof typeof svAccount]: string } = {
  'nav.account': 'My account',
  'account.title': 'My account',
  'account.name': 'Name',
  'account.email': 'Email address',
  'account.organisation': 'Organisation',
  'account.roles': 'Roles',
  'account.signOutTitle': 'Log out everywhere',
  'account.signOutEverywhere': 'The "Log out everywhere" button at the top ends all your logins, on every computer and phone, and turns off your calendar subscription. Use it if you think someone else can get into your account.',

  'password.requirements': 'At least 12 characters. A passphrase of several words that only you connect with each other is a good choice: easier to remember and harder to guess.',
  'password.new': 'New password',
  'password.repeat': 'Repeat the new password',
  'password.newMissing': 'Write a new password.',
  'password.tooShort': 'The password must have at least 12 characters.',
  'password.tooLong': 'The password can have at most 200 characters.',
  'password.repeatMissing': 'Write the password once more.',
  'password.mismatch': 'The passwords are not the same. Write the same password in both fields.',
  'password.wait.one': 'Too many attempts. Wait a minute and then try again.',
  'password.wait.other': 'Too many attempts. Wait {minutes} minutes and then try again.',

  'password.setTitle': 'Choose a password',
  'password.setIntro': 'Choose the password you will use to log in to Utväg.',
  'password.set': 'Save the password',
  'password.setDoneTitle': 'The password has been chosen',
  'password.setDone': 'The password has been chosen – log in with your email address and the new password.',
  'password.setDoneLogin': 'Log in',
  'password.linkMissing': 'The link is not complete. Open the whole link you were given, or ask the system administrator of your organisation for a new one.',
  'password.linkInvalid': 'The link no longer works. It may already have been used, have expired or have been replaced by a newer link. Ask the system administrator of your organisation for a new link.',

  'password.changeTitle': 'Change password',
  'password.changeIntro': 'When you have changed your password you are logged out on all other computers and phones.',
  'password.current': 'Current password',
  'password.currentMissing': 'Write your current password.',
  'password.currentWrong': 'The current password is not right.',
  'password.change': 'Change password',
  'password.changed': 'The password has been changed. Your other logins have been ended.',
};
