import { AppLink } from '../components/AppLink';
import { PageHeading } from '../components/PageHeading';
import { t } from '../i18n';

export function NotFoundPage({ forbidden = false }: { forbidden?: boolean }) {
  return (
    <div className="fr-container fr-my-6w">
      <PageHeading title={forbidden ? t.notFound.forbiddenTitle : t.notFound.title} />
      <p>{forbidden ? t.notFound.forbiddenBody : t.notFound.body}</p>
      <AppLink className="fr-link fr-icon-arrow-left-line fr-link--icon-left" href="/">
        {t.notFound.home}
      </AppLink>
    </div>
  );
}
