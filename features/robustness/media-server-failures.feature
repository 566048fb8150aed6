@robustness
Feature: A Media Server failure never breaks the call
  Whatever the Media Server does to a recording (no answer, a 4xx or 5xx, a BYE mid-call, a refused
  INFO), the parties keep talking; the agent's desktop sees GSIP_RECORD=OFF within the CTI response
  time; the SUT gives up on a silent Media Server after sut.msTimeoutMs; and a later
  GSIP_RECORD_START records the call again.

  Background:
    Given an agent phone on the extension "agent-extension-recorded"
    And the agent's desktop is registered on the agent's DN

  @MS-04
  Scenario Outline: The Media Server answers the recording INVITE with <status>
    Given the Media Server answers recording INVITEs with <status>
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 1 second
    And the Media Server recovers
    And the agent's desktop requests GSIP_RECORD_START
    And they talk for 1 second
    And the caller hangs up
    Then the agent's desktop saw GSIP_RECORD=OFF within the profile's CTI response time of the Media Server's failure
    And the parties still heard each other after the Media Server's failure
    And the last recording holds the agent on channel 1 and the caller on channel 2 from the start request to hang-up

    Examples:
      | status |
      | 404    |
      | 503    |

  @MS-04
  Scenario: The Media Server does not answer: the SUT gives up after sut.msTimeoutMs
    Given the Media Server does not answer recording INVITEs
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk until the SUT must have given up on the Media Server
    And the Media Server recovers
    And the agent's desktop requests GSIP_RECORD_START
    And they talk for 1 second
    And the caller hangs up
    Then the agent's desktop saw GSIP_RECORD=OFF within the profile's CTI response time of the Media Server's failure
    And the parties still heard each other after the Media Server's failure
    And the last recording holds the agent on channel 1 and the caller on channel 2 from the start request to hang-up

  @MS-04
  Scenario: The Media Server ends the recording with a BYE mid-call
    Given the Media Server ends each recording with a BYE 1 second after answering it
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 2 seconds
    And the Media Server recovers
    And the agent's desktop requests GSIP_RECORD_START
    And they talk for 1 second
    And the caller hangs up
    Then the agent's desktop saw GSIP_RECORD=OFF within the profile's CTI response time of the Media Server's failure
    And the parties still heard each other after the Media Server's failure
    And the last recording holds the agent on channel 1 and the caller on channel 2 from the start request to hang-up

  @MS-04
  Scenario: The Media Server refuses the INFO of a pause
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 1 second
    And the Media Server refuses every INFO with 500 from now on
    And the agent's desktop requests GSIP_RECORD_PAUSE
    And they talk for 1 second
    And the Media Server recovers
    And the agent's desktop requests GSIP_RECORD_START
    And they talk for 1 second
    And the caller hangs up
    Then the agent's desktop saw GSIP_RECORD=OFF within the profile's CTI response time of the Media Server's failure
    And the parties still heard each other after the Media Server's failure
    And the last recording holds the agent on channel 1 and the caller on channel 2 from the start request to hang-up
