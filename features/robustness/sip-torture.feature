@robustness
Feature: The SIP Server keeps serving after malformed and torture SIP
  RFC 4475's torture messages, truncated datagrams and garbage reach the SIP Server's SIP address;
  whatever it answers them, it must go on connecting and recording calls.

  @ROB-01
  Scenario: After the RFC 4475 torture messages, truncated datagrams and garbage the SIP Server still connects and records a call
    Given an agent phone on the extension "agent-extension-recorded"
    When the RFC 4475 torture messages, truncated datagrams and garbage are sent to the SUT
    And a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 1 second
    And the caller hangs up
    Then the Media Server received one recording of the call with the agent's DN as party side
    And the recording holds the agent on channel 1 and the caller on channel 2 from answer to hang-up
