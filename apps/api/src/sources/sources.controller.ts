import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@claimdesk/accounts';
import { type SnapshotChangesView, type SnapshotView, SourcesService, type SourceView } from '@claimdesk/sources';
import { MinRole } from '../auth/access.decorators';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { IdempotentReplies } from '../idempotency/idempotent-replies';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { uuidParam } from '../validation/uuid-param.pipe';
import { CreateSourceRequest } from './create-source.request';
import { SnapshotChangesResponse, SnapshotResponse, SourceResponse } from './source.response';

@ApiTags('sources')
@Controller('sources')
export class SourcesController {
  constructor(
    private readonly sources: SourcesService,
    private readonly replies: IdempotentReplies,
  ) {}

  @Post()
  @MinRole('submitter')
  @ApiOperation({
    summary: 'Register a source',
    description: 'Queues its fetch unless text is given. A URL already known returns that source with 200.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat-safe creation; kept 24 h, scoped to the caller',
  })
  @ApiCreatedResponse({ type: SourceResponse })
  @ApiOkResponse({ type: SourceResponse, description: 'The source with this URL already existed' })
  @ApiProblems(400, 409, 413, 422, 429)
  async create(
    @Body() body: CreateSourceRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.replies.send(request, reply, async () => {
      const { source, created } = await this.sources.register(principal.userId, {
        ...body,
        publishedAt: body.publishedAt === undefined ? undefined : new Date(body.publishedAt),
      });
      return { status: created ? 201 : 200, body: source };
    });
  }

  @Get(':id')
  @MinRole('submitter')
  @ApiOperation({ summary: 'A source with its snapshots (without their text) and fetch status' })
  @ApiOkResponse({ type: SourceResponse })
  @ApiProblems(400, 404, 429)
  get(@Param('id', uuidParam('id')) id: string): Promise<SourceView> {
    return this.sources.get(id);
  }

  @Get(':id/snapshots/:snapshotId')
  @MinRole('submitter')
  @ApiOperation({ summary: 'One snapshot with its extracted text and hash' })
  @ApiOkResponse({ type: SnapshotResponse })
  @ApiProblems(400, 404, 429)
  snapshot(
    @Param('id', uuidParam('id')) id: string,
    @Param('snapshotId', uuidParam('snapshotId')) snapshotId: string,
  ): Promise<SnapshotView> {
    return this.sources.getSnapshot(id, snapshotId);
  }

  @Get(':id/snapshots/:snapshotId/changes')
  @MinRole('submitter')
  @ApiOperation({
    summary: "How a snapshot's text differs from the snapshot before it",
    description: 'Word by word; a re-check that found new text records the snapshot this compares.',
  })
  @ApiOkResponse({ type: SnapshotChangesResponse })
  @ApiProblems(400, 404, 429)
  changes(
    @Param('id', uuidParam('id')) id: string,
    @Param('snapshotId', uuidParam('snapshotId')) snapshotId: string,
  ): Promise<SnapshotChangesView> {
    return this.sources.getChanges(id, snapshotId);
  }
}
