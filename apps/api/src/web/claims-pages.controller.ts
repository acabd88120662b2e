import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@claimdesk/accounts';
import { ClaimsService } from '@claimdesk/claims';
import type { FieldProblem } from '@claimdesk/errors';
import { ReviewsService } from '@claimdesk/reviews';
import { MinRole } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { CreateClaimRequest } from '../claims/create-claim.request';
import { assigneeFilter, isMe, ListClaimsQuery } from '../claims/list-claims.query';
import {
  errorsById,
  isFiltered,
  type QueueParams,
  queueFields,
  queuePageHref,
  queuePageSize,
  queueParamsOf,
  queueRows,
  sourceProblems,
  statusOptions,
  type SubmissionValues,
  submissionErrors,
  submissionFields,
  submissionInput,
  submissionValuesOf,
} from './claims-pages.view-model';
import { formErrors, noErrors, problemsOf, validateForm } from './forms';
import { WebPages } from './web-pages.decorator';

/**
 * The claim queue (with filters, search and paging) and the submission form.
 * The claim page itself (`/claims/:id`) is another controller's.
 */
@WebPages()
@Controller('claims')
export class ClaimsPagesController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly reviews: ReviewsService,
  ) {}

  @Get()
  @MinRole('submitter')
  async queue(
    @Query() query: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const params = queueParamsOf(query);
    const validated = await validateForm(ListClaimsQuery, params);
    if (validated.problems !== undefined) return this.showQueue(reply, params, validated.problems);
    const { cursor, limit, assignee, ...filters } = validated.value;
    try {
      const page = await this.claims.list(
        { ...filters, ...assigneeFilter(assignee, principal) },
        cursor,
        limit ?? queuePageSize,
      );
      const assignees = await this.reviews.assigneesOf(page.items.map((item) => item.id));
      return this.showQueue(reply, params, [], {
        rows: queueRows(page.items, assignees),
        nextHref: page.nextCursor === null ? null : queuePageHref(params, page.nextCursor),
      });
    } catch (error) {
      const problems = problemsOf(error);
      if (problems === undefined) throw error;
      return this.showQueue(reply, params, problems);
    }
  }

  @Get('new')
  @MinRole('submitter')
  submissionForm(@Res() reply: FastifyReply): void {
    this.showForm(reply, 200, {}, []);
  }

  @Post()
  @MinRole('submitter')
  async submit(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = submissionValuesOf(body);
    const validated = await validateForm(CreateClaimRequest, submissionInput(values));
    const problems = [...(validated.problems ?? [])];
    // Reported with the rest, unless validation already found the URL wrong.
    for (const problem of sourceProblems(values)) {
      if (!problems.some((known) => known.field === problem.field)) problems.push(problem);
    }
    if (validated.value === undefined || problems.length > 0) return this.showForm(reply, 400, values, problems);
    try {
      const claim = await this.claims.submit(principal, validated.value);
      return void reply.redirect(`/claims/${claim.id}?done=submitted`, 303);
    } catch (error) {
      const refused = problemsOf(error);
      if (refused === undefined) throw error;
      return this.showForm(reply, 400, values, refused);
    }
  }

  private showQueue(
    reply: FastifyReply,
    params: QueueParams,
    problems: readonly FieldProblem[],
    results?: { rows: ReturnType<typeof queueRows>; nextHref: string | null },
  ): void {
    const mine = params.assignee !== undefined && isMe(params.assignee);
    const errors = problems.length === 0 ? noErrors : formErrors(problems, queueFields);
    void reply.code(problems.length === 0 ? 200 : 400).view('claims-queue', {
      title: mine ? 'Claims assigned to me' : 'Claims',
      section: mine ? 'mine' : 'queue',
      filters: {
        ...params,
        mine,
        // Another reviewer's id (from an API-style link) is kept as it came.
        otherAssignee: mine ? undefined : params.assignee,
      },
      statusOptions,
      errors: { ...errors, byId: errorsById(errors, queueFields) },
      filtered: isFiltered(params),
      searching: params.q !== undefined,
      results: results && {
        ...results,
        firstHref: params.cursor === undefined ? null : queuePageHref(params),
      },
    });
  }

  private showForm(
    reply: FastifyReply,
    status: number,
    values: SubmissionValues,
    problems: readonly FieldProblem[],
  ): void {
    const errors = problems.length === 0 ? noErrors : submissionErrors(problems, values);
    void reply.code(status).view('claims-new', {
      values,
      errors: { ...errors, byId: errorsById(errors, submissionFields) },
    });
  }
}
