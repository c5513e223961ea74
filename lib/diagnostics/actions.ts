'use server';

import { defineAction } from '@/lib/actions/define-action';
import { currentReached, webhookTestDefinition } from './webhook-test-service';

/** Creates and deletes a scratch room and waits for its room_started webhook: a change in LiveKit, so audited. */
export const testWebhookDelivery = defineAction(webhookTestDefinition(currentReached));
