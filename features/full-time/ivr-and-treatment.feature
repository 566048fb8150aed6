@full-time
Feature: Full-time recording of the IVR interaction and of the GVP treatment
  A Trunk Group with record=true records the IVR interaction of calls arriving on it: the party side
  is the caller's leg with the IVR, and the recording stops when the IVR hands the call off to an
  agent. A Voice Treatment Port with record=true records the GVP treatment on that port, the port's
  leg being the party side. Neither is an agent leg, so Record-Side is source.

  Background:
    Given an agent phone on the extension "agent-extension-unrecorded"

  @FT-06
  Scenario: A recorded trunk group records the caller's IVR interaction until the hand-off to an agent
    Given an IVR on the treatment port "ivr-port"
    When a caller on the trunk "recorded-trunk" calls the IVR and it answers
    And they talk for 1 second
    And the IVR hands the call off to the agent, who answers
    And they talk for 1 second
    And the caller hangs up
    Then the Media Server received one recording of the call with the caller's DN as party side and Record-Side "source"
    And the recording holds the caller on channel 1 and the IVR on channel 2 from answer to the hand-off

  @FT-06
  Scenario: An IVR call on an unrecorded trunk group is not recorded
    Given an IVR on the treatment port "ivr-port"
    When a caller on the trunk "inbound-trunk" calls the IVR and it answers
    And they talk for 1 second
    And the caller hangs up
    Then the Media Server received no recording INVITE

  @FT-07
  Scenario: A recorded treatment port records the GVP treatment segment
    Given a GVP treatment on the treatment port "treatment-port-recorded"
    When a caller on the trunk "inbound-trunk" calls the treatment port and it answers
    And they talk for 1 second
    And the treatment port hands the call off to the agent, who answers
    And they talk for 1 second
    And the caller hangs up
    Then the Media Server received one recording of the call with the treatment port's DN as party side and Record-Side "source"
    And the recording holds the treatment port on channel 1 and the caller on channel 2 from answer to the hand-off
