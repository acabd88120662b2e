import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { hasRole, type Principal } from '@claimdesk/accounts';
import { ClaimsService } from '@claimdesk/claims';
import type { FieldProblem } from '@claimdesk/errors';
import { type ClaimMatch, MatchingService, toSimilarView } from '@claimdesk/matching';
import { ReviewsService } from '@claimdesk/reviews';
import { MinRole } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { AppearanceRequest, CreateClaimRequest } from '../claims/create-claim.request';
import { assigneeFilter, isMe, ListClaimsQuery, reviewFilters } from '../claims/list-claims.query';
import {
  errorsById,
  isFiltered,
  orderLabel,
  type QueueParams,
  queueFields,
  queuePageHref,
  queuePageSize,
  queueParamsOf,
  queueRows,
  savedFilterLinks,
  sortOptions,
  sourceProblems,
  statusOptions,
  type SubmissionValues,
  submissionErrors,
  submissionFields,
  submissionInput,
  submissionValuesOf,
} from './claims-pages.view-model';
import { uuidParam } from '../validation/uuid-param.pipe';
import { toSimilar } from './claim-page/similar-panel.view-model';
import { formErrors, noErrors, problemsOf, textField, validateForm } from './forms';
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
    private readonly matching: MatchingService,
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
    if (validated.problems !== undefined) return this.showQueue(reply, principal, params, validated.problems);
    const { cursor, limit, assignee, needsVerdict, split, ...filters } = validated.value;
    try {
      const page = await this.reviews.listClaims(
        { ...filters, ...assigneeFilter(assignee, principal), ...reviewFilters({ needsVerdict, split }, principal) },
        cursor,
        limit ?? queuePageSize,
      );
      const assignees = await this.reviews.assigneesOf(page.items.map((item) => item.id));
      return this.showQueue(reply, principal, params, [], {
        rows: queueRows(page.items, assignees),
        nextHref: page.nextCursor === null ? null : queuePageHref(params, page.nextCursor),
        prevHref: page.prevCursor == null ? null : queuePageHref(params, page.prevCursor),
      });
    } catch (error) {
      const problems = problemsOf(error);
      if (problems === undefined) throw error;
      return this.showQueue(reply, principal, params, problems);
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
    if (textField(body, 'confirmNew') !== 'yes') {
      const duplicates = (await this.matching.match(validated.value.text, { limit: 3 })).filter(
        (match) => match.reason !== 'related',
      );
      if (duplicates.length > 0) return this.showForm(reply, 200, values, [], duplicates);
    }
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
    principal: Principal,
    params: QueueParams,
    problems: readonly FieldProblem[],
    results?: { rows: ReturnType<typeof queueRows>; nextHref: string | null; prevHref: string | null },
  ): void {
    const mine = params.assignee !== undefined && isMe(params.assignee);
    const errors = problems.length === 0 ? noErrors : formErrors(problems, queueFields);
    const mayGiveVerdicts = hasRole(principal.role, 'reviewer');
    void reply.code(problems.length === 0 ? 200 : 400).view('claims-queue', {
      title: mine ? 'Claims assigned to me' : 'Claims',
      section: mine ? 'mine' : 'queue',
      filters: {
        ...params,
        mine,
        // Another reviewer's id (from an API-style link) is kept as it came.
        otherAssignee: mine ? undefined : params.assignee,
        needsMyVerdict: params.needsVerdict === 'me',
        splitOnly: params.split === 'true',
      },
      mayGiveVerdicts,
      savedFilters: savedFilterLinks(params, mayGiveVerdicts),
      orderLabel: orderLabel(params),
      statusOptions,
      sortOptions,
      errors: { ...errors, byId: errorsById(errors, queueFields) },
      filtered: isFiltered(params),
      searching: params.q !== undefined,
      results: results && {
        ...results,
        firstHref: params.cursor === undefined ? null : queuePageHref(params),
      },
    });
  }

  /**
   * Adds the submitted text's source and quote to a claim it duplicates, as
   * the submission form offers when it finds one.
   */
  @Post(':id/appearances')
  @MinRole('submitter')
  async addAppearance(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const validated = await validateForm(AppearanceRequest, {
      url: textField(body, 'url'),
      quote: textField(body, 'quote'),
    });
    if (validated.value === undefined) {
      return this.showForm(reply, 400, submissionValuesOf(body), (validated.problems ?? []).map(asAppearanceProblem));
    }
    try {
      await this.claims.addAppearance(principal, id, validated.value);
    } catch (error) {
      const refused = problemsOf(error);
      if (refused === undefined) throw error;
      return this.showForm(reply, 400, submissionValuesOf(body), refused.map(asAppearanceProblem));
    }
    return void reply.redirect(`/claims/${id}?done=appearance`, 303);
  }

  private showForm(
    reply: FastifyReply,
    status: number,
    values: SubmissionValues,
    problems: readonly FieldProblem[],
    duplicates: readonly ClaimMatch[] = [],
  ): void {
    const errors = problems.length === 0 ? noErrors : submissionErrors(problems, values);
    void reply.code(status).view('claims-new', {
      pageTitle: duplicates.length > 0 ? 'Possible duplicate: submit a claim' : 'Submit a claim',
      duplicatesIntro: duplicates.length === 1 ? 'This claim says the same thing:' : 'These claims say the same thing:',
      values,
      errors: { ...errors, byId: errorsById(errors, submissionFields) },
      duplicates: duplicates.map((match) => ({
        ...toSimilar(toSimilarView(match)),
        id: match.claim.id,
        canAddAppearance: values.url !== undefined,
      })),
    });
  }
}

/** The appearance form's fields are the submission form's `appearance.*` ones. */
function asAppearanceProblem(problem: FieldProblem): FieldProblem {
  return { ...problem, field: `appearance.${problem.field}` };
}
