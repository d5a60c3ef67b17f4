/**
 * The loopback receivers the outbox is tested against, for the tests of apps in this repository
 * that send through it (the shop API's buyer notes). Source only: not part of the published build.
 */
export { type MailAnswer, type ReceivedMail, type SmtpReceiver, startSmtpReceiver } from './smtp-receiver';
export {
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookAnswer,
  type WebhookReceiver,
} from './webhook-receiver';
