@selective
Feature: A transfer ends the selective recording, unless a routing point sets it again
  When the agent transfers a call that a routing strategy had recorded with record=destination, the
  recording stops at the transfer (rule 15), and the new agent's leg is not recorded on the strength
  of the first routing point. If the transfer goes through a routing point whose RequestRouteCall
  sets record=destination again, the new agent's leg is recorded from its answer.

  Background:
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the agent's desktop is registered on the agent's DN
    And a second agent phone on the extension "agent-extension-no-option"
    And the routing strategy on the routing point "routing-point" routes with 'record=destination, id=fresh'

  @SEL-04
  Scenario Outline: A <kind> transfer ends the selective recording; the new agent's leg is not recorded
    When a caller on the trunk "inbound-trunk" calls the routing point and the agent answers
    And they talk for 1 second
    And <transfer>
    And they talk for 1 second
    And the caller hangs up
    Then every RequestRouteCall was acknowledged with EventACK
    And the agent-side recording stopped within the profile's stop tolerance of the transfer
    And the recording holds the agent on channel 1 and the caller on channel 2 from answer to the transfer
    And the new agent's leg was not recorded

    Examples:
      | kind        | transfer                                                                              |
      | blind       | the agent transfers the call blindly to the new agent, who answers                     |
      | single-step | the agent's desktop transfers the call in a single step to the new agent, who answers |

  @SEL-04
  Scenario: A consultation transfer ends the selective recording when it completes; the new agent's leg is not recorded
    When a caller on the trunk "inbound-trunk" calls the routing point and the agent answers
    And they talk for 1 second
    And the agent puts the caller on hold and calls the new agent, who answers
    And they talk for 1 second
    And the agent completes the transfer to the new agent
    And they talk for 1 second
    And the caller hangs up
    Then the agent-side recording stopped within the profile's stop tolerance of the transfer
    And the new agent's leg was not recorded

  @SEL-04
  Scenario Outline: A <kind> transfer through a routing point that sets record=destination again records the new agent's leg
    Given the routing strategy on the routing point "routing-point-2" routes transfers to the new agent with 'record=destination, id=fresh'
    When a caller on the trunk "inbound-trunk" calls the routing point and the agent answers
    And they talk for 1 second
    And <transfer>
    And they talk for 2 seconds
    And the caller hangs up
    Then every RequestRouteCall was acknowledged with EventACK
    And the agent-side recording stopped within the profile's stop tolerance of the transfer
    And the recording holds the agent on channel 1 and the caller on channel 2 from answer to the transfer
    And the new agent's leg was recorded
    And the last recording holds the new agent on channel 1 and the caller on channel 2 from the new agent's answer to hang-up

    Examples:
      | kind        | transfer                                                                                                       |
      | blind       | the agent transfers the call blindly to the routing point "routing-point-2", and the new agent answers          |
      | single-step | the agent's desktop transfers the call in a single step to the routing point "routing-point-2", and the new agent answers |

  @SEL-04
  Scenario: A transfer through a routing point that sets no record leaves the new agent's leg unrecorded
    Given the routing strategy on the routing point "routing-point-2" routes transfers to the new agent with 'none'
    When a caller on the trunk "inbound-trunk" calls the routing point and the agent answers
    And they talk for 1 second
    And the agent transfers the call blindly to the routing point "routing-point-2", and the new agent answers
    And they talk for 1 second
    And the caller hangs up
    Then every RequestRouteCall was acknowledged with EventACK
    And the agent-side recording stopped within the profile's stop tolerance of the transfer
    And the new agent's leg was not recorded
