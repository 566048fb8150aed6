@dynamic
Feature: A selective recording is controlled from the desktop like a dynamic one
  A recording started by selective recording (the routing strategy's RequestRouteCall with
  record=destination) can be paused, resumed and stopped with RequestPrivateService, and its
  pauses are padded like any other.

  @DYN-10 @PAD-04
  Scenario: A selective recording is paused, resumed and stopped from the desktop
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the agent's desktop is registered on the agent's DN
    And the routing strategy on the routing point "routing-point" routes with 'record=destination, id=fresh'
    When a caller on the trunk "inbound-trunk" calls the routing point and the agent answers
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_PAUSE
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_RESUME
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_STOP
    And they talk for 1 second
    And the caller hangs up
    Then every RequestPrivateService was acknowledged with EventACK
    And every pause and resume reached the Media Server within the profile's pause latency of its request, and every pause is padded in both channels
    And the recording holds the agent on channel 1 and the caller on channel 2 from answer to the stop request
    And the agent's desktop saw GSIP_RECORD go ON, PAUSED, ON, OFF, each as the Media Server got the command
