import { useI18n } from '../i18n/i18n-context';
import { PageHeading } from '../ui/page-heading';
import { Link } from './router';
import { paths } from './routes';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <p><Link to={paths.cases}>{t('notFound.back')}</Link></p>
    </>
  );
}
