import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Principal } from '@claimdesk/accounts';
import { claimStatuses, ClaimsService } from '@claimdesk/claims';
import { DomainError } from '@claimdesk/errors';
import { ReviewsService } from '@claimdesk/reviews';
import { SourcesService } from '@claimdesk/sources';
import { MinRole } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { AppearanceRequest, EditClaimRequest } from '../claims/create-claim.request';
import {
  AssignmentRequestBody,
  EvidenceRequestBody,
  TransitionRequestBody,
  VerdictRequestBody,
} from '../reviews/workflow.requests';
import { uuidParam } from '../validation/uuid-param.pipe';
import {
  appearanceFields,
  assignFields,
  type ClaimFormState,
  editFields,
  evidenceFields,
  isStatus,
  readAppearance,
  readAssignment,
  readEdit,
  readEvidence,
  readTransition,
  readVerdict,
  transitionFields,
  verdictFields,
  verdictRequestFields,
} from './claim-page.forms';
import { ClaimPageService } from './claim-page.service';
import { toChecks } from './claim-page/checks-panel.view-model';
import { type ClaimPageOptions, staleMessage, toClaimPage } from './claim-page/claim-page.view-model';
import { cursorOf, type FormFields, formErrors, noErrors, problemsOf, validateForm } from './forms';
import { WebPages } from './web-pages.decorator';

/**
 * The claim page: appearances with their quote checks (live while pending),
 * evidence, verdicts under blind review, the moves open to the viewer, the
 * published review and the history; and its forms, each a plain post that
 * redirects back with a confirmation, or shows the page again with its errors.
 */
@WebPages()
@Controller('claims/:id')
export class ClaimPageController {
  constructor(
    private readonly pages: ClaimPageService,
    private readonly reviews: ReviewsService,
    private readonly sources: SourcesService,
    private readonly claims: ClaimsService,
  ) {}

  @Get()
  @MinRole('submitter')
  async show(
    @Param('id', uuidParam('id')) id: string,
    @Query('done') done: unknown,
    @Query('events') events: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.render(reply, 200, principal, id, { done }, cursorOf(events));
  }

  /**
   * The sources-and-checks part alone, for htmx to poll while something is
   * pending: 204 (nothing to swap) while the state the page shows is current.
   * Without htmx, the whole page.
   */
  @Get('checks')
  @MinRole('submitter')
  async checks(
    @Param('id', uuidParam('id')) id: string,
    @Query('seen') seen: unknown,
    @Headers('hx-request') htmx: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (htmx !== 'true') return void reply.redirect(`/claims/${id}#checks`, 303);
    const { claim, checks } = await this.pages.live(principal, id);
    const view = toChecks(claim, checks);
    if (seen === view.stateKey) return void reply.code(204).send();
    return void reply.view('claim-page-checks', { checks: view });
  }

  @Post('evidence')
  @MinRole('reviewer')
  async addEvidence(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { input, values } = readEvidence(body);
    const form = { form: 'evidence', values } as const;
    const result = await validateForm(EvidenceRequestBody, input);
    if (result.problems) return this.invalid(reply, principal, id, form, result.problems, evidenceFields, input);
    try {
      const evidence = await this.reviews.addEvidence(principal, id, result.value);
      const source = await this.sources.get(evidence.sourceId);
      return void reply.redirect(
        `/claims/${id}?done=${source.fetchStatus === 'pending' ? 'evidence-fetching' : 'evidence'}`,
        303,
      );
    } catch (error) {
      return this.refused(error, reply, principal, id, form, evidenceFields);
    }
  }

  @Post('verdicts')
  @MinRole('reviewer')
  async giveVerdict(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { input, values } = readVerdict(body);
    const form = { form: 'verdict', values } as const;
    const result = await validateForm(VerdictRequestBody, input);
    if (result.problems) return this.invalid(reply, principal, id, form, result.problems, verdictFields, input);
    try {
      await this.reviews.giveVerdict(principal, id, result.value);
      return void reply.redirect(`/claims/${id}?done=verdict`, 303);
    } catch (error) {
      return this.refused(error, reply, principal, id, form, verdictFields);
    }
  }

  /**
   * Moves the claim as the API's transition endpoint does, with the version
   * the form was made from as If-Match: a stale form is refused (412), never
   * applied over someone else's change.
   */
  @Post('transitions')
  @MinRole('editor')
  async transition(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { input, values, to, version, publish } = readTransition(body);
    if (!isStatus(to, claimStatuses) || version === undefined) {
      const message = 'The form did not say which move to make on which version of the claim. Use the buttons below.';
      return this.render(reply, 400, principal, id, { problem: { status: 400, message } });
    }
    const form = { form: 'transition', to, values } as const;
    // With the reason field, so that its problem links to it when the form has one.
    const fields = transitionFields(to, publish);
    const result = await validateForm(TransitionRequestBody, input);
    if (result.problems) return this.invalid(reply, principal, id, form, result.problems, fields);
    try {
      await this.reviews.transition(principal, id, result.value, version);
      return void reply.redirect(`/claims/${id}?done=moved-${to}`, 303);
    } catch (error) {
      return this.refused(error, reply, principal, id, form, fields);
    }
  }

  @Post('assignments')
  @MinRole('editor')
  async assign(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { input, values } = readAssignment(body);
    const form = { form: 'assign', values } as const;
    const result = await validateForm(AssignmentRequestBody, input);
    if (result.problems) return this.invalid(reply, principal, id, form, result.problems, assignFields, input);
    try {
      const { created } = await this.reviews.assign(principal, id, result.value.reviewerEmail);
      return void reply.redirect(`/claims/${id}?done=${created ? 'assigned' : 'already-assigned'}`, 303);
    } catch (error) {
      return this.refused(error, reply, principal, id, form, assignFields);
    }
  }

  /**
   * An editor's edit, as the API's PATCH does, with the version the form was
   * made from as If-Match: a stale form is refused (412), never applied.
   */
  @Post('edit')
  @MinRole('editor')
  async edit(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { input, values, version } = readEdit(body);
    if (version === undefined) {
      const message = 'The form did not say which version of the claim it edits. Use the edit form below.';
      return this.render(reply, 400, principal, id, { problem: { status: 400, message } });
    }
    const form = { form: 'edit', values } as const;
    const filled = {
      text: values.text,
      'claimant.name': values.claimantName,
      'claimant.role': values.claimantRole,
    };
    const result = await validateForm(EditClaimRequest, input);
    if (result.problems) return this.invalid(reply, principal, id, form, result.problems, editFields, filled);
    try {
      const { changed } = await this.claims.edit(principal, id, result.value, version);
      return void reply.redirect(`/claims/${id}?done=${changed.length > 0 ? 'edited' : 'unchanged'}`, 303);
    } catch (error) {
      return this.refused(error, reply, principal, id, form, editFields);
    }
  }

  /** Records another place the claim was made, as the API's appearances endpoint does. */
  @Post('appearances/new')
  @MinRole('submitter')
  async addAppearance(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { input, values } = readAppearance(body);
    const form = { form: 'appearance', values } as const;
    const result = await validateForm(AppearanceRequest, input);
    if (result.problems) return this.invalid(reply, principal, id, form, result.problems, appearanceFields, input);
    try {
      await this.claims.addAppearance(principal, id, result.value);
      return void reply.redirect(`/claims/${id}?done=appearance-added`, 303);
    } catch (error) {
      return this.refused(error, reply, principal, id, form, appearanceFields);
    }
  }

  /** Asks another reviewer to settle split verdicts, as the API's verdict-requests endpoint does. */
  @Post('verdict-requests')
  @MinRole('editor')
  async requestVerdict(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { input, values } = readAssignment(body);
    const form = { form: 'verdict-request', values } as const;
    const result = await validateForm(AssignmentRequestBody, input);
    if (result.problems) {
      return this.invalid(reply, principal, id, form, result.problems, verdictRequestFields, input);
    }
    try {
      await this.reviews.requestVerdict(principal, id, result.value.reviewerEmail);
      return void reply.redirect(`/claims/${id}?done=verdict-requested`, 303);
    } catch (error) {
      return this.refused(error, reply, principal, id, form, verdictRequestFields);
    }
  }

  private async render(
    reply: FastifyReply,
    status: number,
    principal: Principal,
    id: string,
    options: ClaimPageOptions,
    eventsCursor?: string,
  ): Promise<void> {
    const data = await this.pages.page(principal, id, eventsCursor);
    return void reply.code(status).view('claim-page', toClaimPage(data, principal, options));
  }

  /** The page again, status 400, with the form's values and its errors linked from the summary. */
  private invalid(
    reply: FastifyReply,
    principal: Principal,
    id: string,
    form: Omit<ClaimFormState, 'errors'>,
    problems: Parameters<typeof formErrors>[0],
    fields: FormFields,
    input?: Record<string, unknown>,
  ): Promise<void> {
    const filled = input === undefined ? undefined : (field: string) => input[field] !== undefined;
    return this.render(reply, 400, principal, id, { form: { ...form, errors: formErrors(problems, fields, filled) } });
  }

  /** A service's refusal as the API would answer it: 400 with field errors, 409 or 412 with a message. */
  private async refused(
    error: unknown,
    reply: FastifyReply,
    principal: Principal,
    id: string,
    form: Omit<ClaimFormState, 'errors'>,
    fields: FormFields,
  ): Promise<void> {
    const problems = problemsOf(error);
    if (problems !== undefined) return this.invalid(reply, principal, id, form, problems, fields);
    if (error instanceof DomainError && error.kind === 'conflict') {
      return this.render(reply, 409, principal, id, {
        form: { ...form, errors: noErrors },
        problem: { status: 409, message: error.message },
      });
    }
    if (error instanceof DomainError && error.kind === 'precondition_failed') {
      return this.render(reply, 412, principal, id, {
        form: { ...form, errors: noErrors },
        problem: { status: 412, message: staleMessage },
      });
    }
    throw error;
  }
}
