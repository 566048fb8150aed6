import { When } from '@cucumber/cucumber';
import { sendBarrage, tortureBarrage } from './support/torture-barrage';
import { GirWorld } from './support/world';

/** ROB-01 in the call-control role: what RFC 4475 throws at a SIP party, sent to the SUT's SIP address. */
When('the RFC 4475 torture messages, truncated datagrams and garbage are sent to the SUT', async function (this: GirWorld) {
  const stage = await this.callControl();
  const items = tortureBarrage();
  const sent = await sendBarrage(stage.sut.sipAddress, this.ports, items);
  this.log(`sent ${sent} datagrams to the SUT at ${stage.sut.sipAddress.host}:${stage.sut.sipAddress.port}: ${items.map((i) => i.name).join('; ')}`);
});
