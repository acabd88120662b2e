import { Controller, Get, Param, Render } from '@nestjs/common';
import { ClaimsService } from '@claimdesk/claims';
import { SourcesService } from '@claimdesk/sources';
import { MinRole } from '../auth/access.decorators';
import { uuidParam } from '../validation/uuid-param.pipe';
import { changesPageView, snapshotPageView, sourcePageView } from './source-page.view-model';
import { WebPages } from './web-pages.decorator';

/** At most this many citing claims are listed on a source page, newest first. */
const citingLimit = 50;

/** A source: its fetch status, snapshots, the changes between them, and the claims citing it. */
@WebPages()
@Controller('sources')
export class SourcePageController {
  constructor(
    private readonly sources: SourcesService,
    private readonly claims: ClaimsService,
  ) {}

  @Get(':id')
  @MinRole('submitter')
  @Render('source-page')
  async source(@Param('id', uuidParam('id')) id: string) {
    const source = await this.sources.get(id);
    return sourcePageView(source, await this.claims.listCitingSource(id, citingLimit));
  }

  @Get(':id/snapshots/:snapshotId')
  @MinRole('submitter')
  @Render('source-snapshot')
  async snapshot(
    @Param('id', uuidParam('id')) id: string,
    @Param('snapshotId', uuidParam('snapshotId')) snapshotId: string,
  ) {
    return snapshotPageView(await this.sources.getSnapshot(id, snapshotId));
  }

  @Get(':id/snapshots/:snapshotId/changes')
  @MinRole('submitter')
  @Render('source-changes')
  async changes(
    @Param('id', uuidParam('id')) id: string,
    @Param('snapshotId', uuidParam('snapshotId')) snapshotId: string,
  ) {
    return changesPageView(await this.sources.getChanges(id, snapshotId));
  }
}
