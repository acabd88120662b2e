import { Controller, Get, Headers, Param, Post, Query, Render, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { hasRole, type Principal } from '@claimdesk/accounts';
import { ClaimsService } from '@claimdesk/claims';
import { ExtractionService } from '@claimdesk/extraction';
import { SourcesService } from '@claimdesk/sources';
import { MinRole } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { uuidParam } from '../validation/uuid-param.pipe';
import { cursorOf } from './forms';
import { candidatesPanelView } from './source-candidates.view-model';
import { changesPageView, snapshotPageView, sourcePageView } from './source-page.view-model';
import { SourcePageService } from './source-page.service';
import { WebPages } from './web-pages.decorator';

/** At most this many citing claims are listed on a source page, newest first. */
const citingLimit = 50;

/**
 * A source: its fetch status, snapshots, the changes between them, the claims
 * citing it and, for reviewers, the candidate claims extracted from it (live
 * while extraction is pending), with the forms that extract and promote them.
 */
@WebPages()
@Controller('sources')
export class SourcePageController {
  constructor(
    private readonly sources: SourcesService,
    private readonly claims: ClaimsService,
    private readonly extraction: ExtractionService,
    private readonly pages: SourcePageService,
  ) {}

  @Get(':id')
  @MinRole('submitter')
  @Render('source-page')
  async source(
    @Param('id', uuidParam('id')) id: string,
    @Query('done') done: unknown,
    @Query('candidates') candidates: unknown,
    @Query('from') from: unknown,
    @CurrentPrincipal() principal: Principal,
  ) {
    const source = await this.sources.get(id);
    const citing = await this.claims.listCitingSource(id, citingLimit);
    // Submitters cannot list candidates: their page has no panel.
    const panel = hasRole(principal.role, 'reviewer')
      ? candidatesPanelView(await this.pages.candidates(id, cursorOf(candidates), positionOf(from)))
      : null;
    return sourcePageView(source, citing, { candidates: panel, done });
  }

  /**
   * The candidate claims panel alone, for htmx to poll while extraction is
   * pending: 204 (nothing to swap) while the state the page shows is current.
   * Without htmx, the whole page.
   */
  @Get(':id/candidates')
  @MinRole('reviewer')
  async candidates(
    @Param('id', uuidParam('id')) id: string,
    @Query('seen') seen: unknown,
    @Headers('hx-request') htmx: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (htmx !== 'true') return void reply.redirect(`/sources/${id}#candidates`, 303);
    const view = candidatesPanelView(await this.pages.candidates(id));
    if (seen === view.stateKey) return void reply.code(204).send();
    return void reply.view('source-page-candidates', { candidates: view });
  }

  /** Asks for the extraction of the latest snapshot, as POST /api/v1/sources/{id}/extractions does. */
  @Post(':id/extractions')
  @MinRole('reviewer')
  async extract(
    @Param('id', uuidParam('id')) id: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.extraction.request(principal.userId, id);
    return void reply.redirect(`/sources/${id}?done=extraction#candidates`, 303);
  }

  /** Promotes a candidate to a claim and opens the claim's page (the same claim when promoted before). */
  @Post(':id/candidates/:candidateId/promote')
  @MinRole('reviewer')
  async promote(
    @Param('id', uuidParam('id')) id: string,
    @Param('candidateId', uuidParam('candidateId')) candidateId: string,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const result = await this.extraction.promote(principal, id, candidateId);
    return void reply.redirect(`/claims/${result.created ? result.claim.id : result.claimId}`, 303);
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

/** The position of the first candidate on a later page, for its numbering: a small positive integer, or nothing. */
function positionOf(from: unknown): number | undefined {
  if (typeof from !== 'string' || !/^[1-9]\d{0,6}$/.test(from)) return undefined;
  return Number(from);
}
