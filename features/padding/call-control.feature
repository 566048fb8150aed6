@padding
Feature: The SUT's pauses are padded, however many and whenever they come
  In the call-control role the fake Media Server is the measuring instrument: each pause and resume
  must reach it within the profile's pause latency of the request that caused it (of the set-up's
  end, for a request queued behind it), and the file must be silent over each pause.

  @PAD-03
  Scenario: Many pause and resume cycles of a dynamic recording are each padded
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the agent's desktop is registered on the agent's DN
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests GSIP_RECORD_START
    And they talk for 1 second
    And the agent's desktop pauses and resumes the recording as many times as the profile's pause cycles
    And the caller hangs up
    Then every RequestPrivateService was acknowledged with EventACK
    And every pause and resume reached the Media Server within the profile's pause latency of its request, and every pause is padded in both channels

  @PAD-03
  Scenario: A pause right after the start is queued behind the set-up and padded
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the agent's desktop is registered on the agent's DN
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests GSIP_RECORD_START and at once GSIP_RECORD_PAUSE
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_RESUME
    And they talk for 1 second
    And the caller hangs up
    Then every RequestPrivateService was acknowledged with EventACK
    And every pause and resume reached the Media Server within the profile's pause latency of its request, and every pause is padded in both channels

  @PAD-03
  Scenario: A pause held until the hang-up is padded to the end of the file
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the agent's desktop is registered on the agent's DN
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests GSIP_RECORD_START
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_PAUSE
    And they talk for 1 second
    And the caller hangs up
    Then every RequestPrivateService was acknowledged with EventACK
    And every pause and resume reached the Media Server within the profile's pause latency of its request, and every pause is padded in both channels
    And the recording holds the agent on channel 1 and the caller on channel 2 from the start request to hang-up

  @PAD-04 @PAD-01
  Scenario Outline: Padding holds for a <method> recording alike
    Given an agent phone on the extension "<extension>"
    And the agent's desktop is registered on the agent's DN
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the recording of the call is started by <method> recording
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_PAUSE
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_RESUME
    And they talk for 1 second
    And the caller hangs up
    Then every pause and resume reached the Media Server within the profile's pause latency of its request, and every pause is padded in both channels

    Examples:
      | method    | extension                  |
      | full-time | agent-extension-recorded   |
      | dynamic   | agent-extension-unrecorded |
