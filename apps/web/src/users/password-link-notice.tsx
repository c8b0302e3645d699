import type { PasswordLink } from '@utvag/domain';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { useAnnounce } from '../ui/announcer';
import { TextField } from '../ui/text-field';

interface PasswordLinkNoticeProps {
  /** Prefix of the ids inside, unique on the page. */
  id: string;
  title: string;
  level: 2 | 3;
  user: { name: string; email: string };
  /** Null when a repeated add found the holder had chosen a password already: no link is needed. */
  link: PasswordLink | null;
}

/**
 * Where a password link went: to the user's own address, or (without e-mail) here, once, for the
 * administrator to hand over in person. Its heading takes focus when it appears.
 */
export function PasswordLinkNotice({ id, title, level, user, link }: PasswordLinkNoticeProps) {
  const { t, dateTime } = useI18n();
  const announce = useAnnounce();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copyFailed, setCopyFailed] = useState(false);
  const Heading = level === 2 ? 'h2' : 'h3';
  const address = link?.path ? new URL(link.path, window.location.origin).toString() : null;
  const expires = link ? dateTime(link.expiresAt) : '';

  useEffect(() => { heading.current?.focus(); }, []);

  const copy = async () => {
    if (!address) return;
    try {
      await navigator.clipboard.writeText(address);
      setCopyFailed(false);
      announce(t('users.linkCopied'));
    } catch {
      setCopyFailed(true);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <Heading id={`${id}-heading`} ref={heading} tabIndex={-1}>{title}</Heading>
      {!link && <p>{t('users.linkNotNeeded')}</p>}
      {link?.emailed && <p>{t('users.linkEmailed', { email: user.email, time: expires })}</p>}
      {link && !link.emailed && address && (
        <>
          <p>{t('users.linkHandOver', { name: user.name, time: expires })}</p>
          <TextField id={`${id}-address`} label={t('users.linkAddress')} hint={t('users.linkShownOnce')} value={address} onChange={() => {}} readOnly
            spellCheck={false} className="input--secret" />
          {copyFailed && <p className="notice notice--error" role="alert">{t('users.linkCopyFailed')}</p>}
          <div className="actions">
            <button type="button" className="button button--secondary" onClick={() => void copy()}>{t('users.linkCopy')}</button>
          </div>
        </>
      )}
    </section>
  );
}
