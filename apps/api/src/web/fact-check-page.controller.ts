import { Controller, Get, Header, Param, Render } from '@nestjs/common';
import { ReviewsService } from '@claimdesk/reviews';
import { Public } from '../auth/access.decorators';
import { uuidParam } from '../validation/uuid-param.pipe';
import { factCheckPageView } from './fact-check-page.view-model';
import { WebPages } from './web-pages.decorator';

/**
 * The public page of a published fact-check, where its ClaimReview `url`
 * points: readers need no account. It shows the latest published version and
 * its correction log, and embeds the same ClaimReview JSON-LD the API serves.
 * Claims not published yet are 404, as in `GET /claims/{id}/claim-review`.
 */
@WebPages()
@Controller('fact-checks')
export class FactCheckPageController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get(':id')
  @Public()
  @Header('cache-control', 'public, max-age=60')
  @Render('fact-check')
  async factCheck(@Param('id', uuidParam('id')) id: string) {
    return factCheckPageView(await this.reviews.claimReview(id));
  }
}
