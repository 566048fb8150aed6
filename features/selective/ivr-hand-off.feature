@selective
Feature: An IVR's hand-off through a routing point: the trunk group's recording until an agent has the call
  A trunk group with record=true records the caller's IVR interaction (FT-06) until the hand-off to
  an agent. When the IVR hands the call to a routing point, the call waits there with that recording
  still running (rule 16); record=disable_destination from the routing strategy stops it within
  tolerance.stopMs of the request and leaves the routed leg unrecorded, even at an extension with
  record=true. Without it, the recording stops when the agent answers.

  Background:
    Given an agent phone on the extension "agent-extension-recorded"
    And an IVR on the treatment port "ivr-port"

  @SEL-02 @FT-06
  Scenario: disable_destination at the routing point stops the trunk group's live recording; the recorded agent's leg is not recorded
    Given the routing strategy on the routing point "routing-point" routes transfers to the agent with 'record=disable_destination'
    When a caller on the trunk "recorded-trunk" calls the IVR and it answers
    And they talk for 1 second
    And the IVR hands the call off to the routing point "routing-point", and the agent answers
    And they talk for 1 second
    And the caller hangs up
    Then every RequestRouteCall was acknowledged with EventACK
    And the trunk group's recording stopped within the profile's stop tolerance of the RequestRouteCall
    And the Media Server received one recording of the call with the caller's DN as party side and Record-Side "source"

  @FT-06
  Scenario: Without disable_destination the trunk group's recording runs while the call waits, and stops when the agent answers
    Given the routing strategy on the routing point "routing-point" routes transfers to the agent with 'none'
    When a caller on the trunk "recorded-trunk" calls the IVR and it answers
    And they talk for 1 second
    And the IVR hands the call off to the routing point "routing-point", and the agent answers
    And they talk for 1 second
    And the caller hangs up
    Then every RequestRouteCall was acknowledged with EventACK
    And the trunk group's recording stopped within the profile's stop tolerance of the agent's answer
    And the agent's leg was recorded
