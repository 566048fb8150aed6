@dynamic
Feature: Dynamic pause and resume from the agent's desktop
  GSIP_RECORD_PAUSE (3015) pauses the call's recording and GSIP_RECORD_RESUME (3016) resumes it;
  the paused time is padded with silence. The call's attached data shows GSIP_RECORD as ON, PAUSED
  and OFF as the commands reach the Media Server.

  Background:
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the agent's desktop is registered on the agent's DN

  @DYN-03 @DYN-04 @MS-02 @PAD-01 @PAD-04
  Scenario: A paused span of a dynamic recording is padded, and the attached data follows it
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests GSIP_RECORD_START
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_PAUSE
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_RESUME
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_STOP
    And the caller hangs up
    Then every RequestPrivateService was acknowledged with EventACK
    And every pause and resume reached the Media Server within the profile's pause latency of its request, and every pause is padded in both channels
    And the recording holds the agent on channel 1 and the caller on channel 2 from the start request to the stop request
    And the agent's desktop saw GSIP_RECORD go ON, PAUSED, ON, OFF, each as the Media Server got the command
