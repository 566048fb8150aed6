@full-time
Feature: Full-time recording on an Extension DN
  An Extension DN with [TServer] record=true has every call established at it recorded agent-side,
  inbound and outbound, from the answer to the release. With record=false, or with no record option,
  the SUT opens no recording session.

  @FT-01
  Scenario: An inbound call to a recorded extension is recorded agent-side from answer to hang-up
    Given an agent phone on the extension "agent-extension-recorded"
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 2 seconds
    And the caller hangs up
    Then the Media Server received one recording of the call with the agent's DN as party side
    And the capture shows the SUT sent the recording INVITE within tolerance.startMs of the answer
    And the recording holds the agent on channel 1 and the caller on channel 2 from answer to hang-up

  @FT-01
  Scenario: A call the agent's desktop releases is recorded agent-side until the release
    Given an agent phone on the extension "agent-extension-recorded"
    And the agent's desktop is registered on the agent's DN
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 2 seconds
    And the agent's desktop releases the call
    Then the agent's desktop got EventReleased for the call within the profile's CTI response time
    And the Media Server received one recording of the call with the agent's DN as party side
    And the recording holds the agent on channel 1 and the caller on channel 2 from answer to hang-up

  @FT-01
  Scenario: An outbound call from a recorded extension is recorded agent-side from answer to hang-up
    Given an agent phone on the extension "agent-extension-recorded"
    When the agent calls an external number through the trunk "inbound-trunk" and the far end answers
    And they talk for 2 seconds
    And the agent hangs up
    Then the Media Server received one recording of the call with the agent's DN as party side
    And the recording holds the agent on channel 1 and the far end on channel 2 from answer to hang-up

  @FT-01 @sipp
  Scenario: A SIPp caller's call to a recorded extension is recorded agent-side
    Given an agent phone on the extension "agent-extension-recorded"
    When a SIPp caller on the trunk "inbound-trunk" calls the agent for 2 seconds and the agent answers
    Then the Media Server received one recording of the call with the agent's DN as party side
    And the capture shows the SUT sent the recording INVITE within tolerance.startMs of the answer
    And every SIPp call left one recording with its own agent on channel 1 and its SIPp caller on channel 2, complete and padded

  @FT-08
  Scenario Outline: An extension with <option> is not recorded
    Given an agent phone on the extension "<extension>"
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 1 second
    And the caller hangs up
    Then the Media Server received no recording INVITE

    Examples:
      | option              | extension                  |
      | record=false        | agent-extension-unrecorded |
      | no record option    | agent-extension-no-option  |
