import { Button, Card, CardBody, CardHeader, Spinner, TextControl, ToggleControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { EmptyState } from '../../components/empty-state';
import { useNotify } from '../../lib/notify';
import { useRequest } from '../../lib/use-request';
import type { StageProps } from '../route-types';
import { createSet, deleteSet, getSiteContent, listSets } from './api';
import { SearchPreview } from './search-preview';
import { SetSources, syncableTypes } from './set-sources';
import { SiteContentCard } from './site-content';
import './style.scss';

/** Knowledge sets, their sources, and a retrieval preview. Agents pick their sets on the agent screen. */
export function KnowledgeStage({ query }: StageProps) {
  const notify = useNotify();
  const { data: sets, isLoading, error, reload } = useRequest(listSets, []);
  const siteContent = useRequest(getSiteContent, []);
  const [chosen, setChosen] = useState<string | null>(query.get('set'));
  const [name, setName] = useState('');
  const [followsSite, setFollowsSite] = useState(true);
  const [isCreating, setIsCreating] = useState(false);
  const current = sets?.find((set) => set.id === chosen) ?? sets?.[0] ?? null;

  const create = async () => {
    setIsCreating(true);
    try {
      const chosen = syncableTypes(siteContent.data?.selection.types ?? null);
      const created = await createSet({ name: name.trim(), wordpress: followsSite ? { types: chosen.length ? chosen : ['page', 'post'] } : null });
      setName('');
      setChosen(created.id);
      notify.success(__('Knowledge set created. Add sources to it, then choose it on the agent.', 'affiliate-agent'));
      await reload();
    } catch (thrown) {
      notify.failure(thrown);
    } finally {
      setIsCreating(false);
    }
  };

  if (isLoading && !sets && !error) return <Spinner />;
  return (
    <div className="aa-knowledge">
      <div className="aa-two-columns is-narrow-first">
        <Card className="aa-card">
          <CardHeader>
            <h3>{__('Knowledge sets', 'affiliate-agent')}</h3>
          </CardHeader>
          <CardBody>
            {sets?.length ? (
              <ul className="aa-set-list">
                {sets.map((set) => (
                  <li key={set.id}>
                    <Button variant={set.id === current?.id ? 'primary' : 'tertiary'} aria-pressed={set.id === current?.id} onClick={() => setChosen(set.id)}>
                      {set.name}
                    </Button>{' '}
                    <span className="aa-muted">
                      {sprintf(
                        /* translators: 1: "3 sources", 2: "120 chunks" */
                        __('%1$s, %2$s', 'affiliate-agent'),
                        /* translators: %d: number of sources in the knowledge set */
                        sprintf(_n('%d source', '%d sources', set.sourceCount, 'affiliate-agent'), set.sourceCount),
                        /* translators: %d: number of indexed chunks in the knowledge set */
                        sprintf(_n('%d chunk', '%d chunks', set.chunkCount, 'affiliate-agent'), set.chunkCount),
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
            <TextControl __nextHasNoMarginBottom label={__('New set name', 'affiliate-agent')} placeholder={__('Affiliate program docs', 'affiliate-agent')} value={name} onChange={setName} />
            <ToggleControl __nextHasNoMarginBottom label={__('Follow the site content chosen under “Site content”', 'affiliate-agent')} checked={followsSite} onChange={setFollowsSite} />
            <Button variant="secondary" isBusy={isCreating} disabled={isCreating || !name.trim()} onClick={create}>
              {__('Create set', 'affiliate-agent')}
            </Button>
          </CardBody>
        </Card>
        <div>
          {siteContent.error ? <p role="alert">{siteContent.error.message}</p> : null}
          {siteContent.data ? <SiteContentCard report={siteContent.data} onReport={siteContent.setData} /> : null}
          {/* With the service down the sets cannot load, but the site-content card (and its queue) still shows. */}
          {error ? (
            <p role="alert">{error.message}</p>
          ) : !current ? (
            <EmptyState title={__('No knowledge yet', 'affiliate-agent')}>
              {__('Create a knowledge set for your program: commission rates, cookie duration, payout schedule, allowed traffic. The agent answers from it and cites it.', 'affiliate-agent')}
            </EmptyState>
          ) : (
            <>
              <Card className="aa-card">
                <CardHeader>
                  <h3>{current.name}</h3>
                  <Button
                    variant="tertiary"
                    isDestructive
                    onClick={async () => {
                      if (!window.confirm(sprintf(__('Delete the knowledge set “%s” and all its sources?', 'affiliate-agent'), current.name))) return;
                      try {
                        await deleteSet(current.id);
                        setChosen(null);
                        notify.success(__('Knowledge set deleted.', 'affiliate-agent'));
                        await reload();
                      } catch (thrown) {
                        notify.failure(thrown);
                      }
                    }}
                  >
                    {__('Delete set', 'affiliate-agent')}
                  </Button>
                </CardHeader>
                <CardBody>
                  <SetSources
                    key={current.id}
                    set={current}
                    siteTypes={siteContent.data?.selection.types ?? null}
                    onChanged={() => {
                      void reload();
                      void siteContent.reload();
                    }}
                  />
                </CardBody>
              </Card>
              <Card className="aa-card">
                <CardHeader>
                  <h3>{__('Search preview', 'affiliate-agent')}</h3>
                </CardHeader>
                <CardBody>
                  <SearchPreview setIds={[current.id]} />
                </CardBody>
              </Card>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
