// The bare-framework baseline for `npm run bench`: botbuilder's CloudAdapter without credentials,
// restify 11, `/api/messages`, and nothing else. It answers an `adaptiveCard/action` invoke with a
// small Adaptive Card in the invoke response (the protocol-level work our card actions do, without
// storage, templating or domain rules) and echoes a message's text to the connector.
// Run as a child process: PORT and HOST (default 127.0.0.1) from the environment.
import * as restify from 'restify';
import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(_context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const data = (invokeValue.action.data ?? {}) as Record<string, unknown>;
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: {
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: `Done: ${invokeValue.action.verb}`, weight: 'Bolder', wrap: true },
          { type: 'TextBlock', text: `${Object.keys(data).length} fields received`, wrap: true, isSubtle: true },
        ],
      },
    };
  }
}

const port = Number(process.env.PORT ?? 3979);
const host = process.env.HOST ?? '127.0.0.1';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (_context, error) => {
  process.stderr.write(`echo bot turn error: ${error.name}: ${error.message}\n`);
};
const bot = new EchoBot();

const server = restify.createServer({ name: 'echobot' });
server.use(restify.plugins.bodyParser({ mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', async (_req, res) => {
  res.send(200, { status: 'alive' });
});

server.listen(port, host, () => {
  process.stdout.write(`echo bot listening on http://${host}:${port}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
