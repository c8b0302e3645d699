import type { Me, Role } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { PageHeading } from '../ui/page-heading';
import { PasswordChangeForm } from './password-change-form';

/** The signed-in user's own account: who they are here, changing the password, and what logging out everywhere does. */
export function AccountPage({ me }: { me: Me }) {
  const { t, list } = useI18n();
  const rows: [string, string][] = [
    [t('account.name'), me.user.name],
    [t('account.email'), me.user.email],
    [t('account.organisation'), me.organisation.name],
    [t('account.roles'), list((me.user.roles as Role[]).map((role) => t(`role.${role}`)))],
  ];
  return (
    <>
      <PageHeading title={t('account.title')}>{t('account.title')}</PageHeading>
      <dl className="details">
        {rows.map(([label, value]) => (
          <div className="details__row" key={label}><dt>{label}</dt><dd>{value}</dd></div>
        ))}
      </dl>
      <PasswordChangeForm />
      <section aria-labelledby="sign-out-everywhere-title">
        <h2 id="sign-out-everywhere-title">{t('account.signOutTitle')}</h2>
        <p>{t('account.signOutEverywhere')}</p>
      </section>
    </>
  );
}
