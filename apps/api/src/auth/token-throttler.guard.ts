import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthenticatedRequest } from './authenticated-request';

/** Rate limits per API token or web session (per address for calls with neither). */
@Injectable()
export class TokenThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const { principal, ip } = request as unknown as AuthenticatedRequest;
    if (principal?.tokenId !== undefined) return `token:${principal.tokenId}`;
    if (principal?.sessionId !== undefined) return `session:${principal.sessionId}`;
    return `ip:${ip}`;
  }
}
