@full-time
Feature: A transfer to another agent ends the agent-side recording
  A recording of an Extension or ACD Position with record=true stops when the call is transferred to
  a different agent, blind, by consultation or in a single step, at the moment the transferring
  agent's leg is released. The new agent's leg is recorded only if its own DN or login says so.

  Background:
    Given an agent phone on the extension "agent-extension-recorded"
    And the agent's desktop is registered on the agent's DN

  @FT-03
  Scenario Outline: A <kind> transfer ends the agent-side recording; the new agent's unrecorded DN is not recorded
    Given a second agent phone on the extension "agent-extension-unrecorded"
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 1 second
    And <transfer>
    And they talk for 1 second
    And the caller hangs up
    Then the recording holds the agent on channel 1 and the caller on channel 2 from answer to the transfer
    And the new agent's leg was not recorded

    Examples:
      | kind        | transfer                                                                          |
      | blind       | the agent transfers the call blindly to the new agent, who answers                 |
      | single-step | the agent's desktop transfers the call in a single step to the new agent, who answers |

  @FT-03
  Scenario: A blind transfer to a recorded ACD Position: the new agent's leg is recorded as its own
    Given a second agent phone on the ACD position "acd-position-recorded"
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 1 second
    And the agent transfers the call blindly to the new agent, who answers
    And they talk for 1 second
    And the caller hangs up
    Then the recording holds the agent on channel 1 and the caller on channel 2 from answer to the transfer
    And the new agent's leg was recorded
    And the last recording holds the new agent on channel 1 and the caller on channel 2 from the new agent's answer to hang-up

  @FT-03
  Scenario Outline: A consultation transfer ends the agent-side recording when it completes; the new agent's leg <recorded>
    Given a second agent phone on the <target kind> "<target>"
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 1 second
    And the agent puts the caller on hold and calls the new agent, who answers
    And they talk for 1 second
    And the agent completes the transfer to the new agent
    And they talk for 1 second
    And the caller hangs up
    Then the agent-side recording stopped within the profile's stop tolerance of the transfer
    And the new agent's leg <recorded>

    Examples:
      | target kind  | target                     | recorded         |
      | extension    | agent-extension-unrecorded | was not recorded |
      | ACD position | acd-position-recorded      | was recorded     |

  @FT-03
  Scenario: After a consultation transfer to a recorded ACD Position, the caller and the new agent are recorded from the completion
    Given a second agent phone on the ACD position "acd-position-recorded"
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And they talk for 1 second
    And the agent puts the caller on hold and calls the new agent, who answers
    And they talk for 1 second
    And the agent completes the transfer to the new agent
    And they talk for 1 second
    And the caller hangs up
    Then the last recording holds the new agent on channel 1 and the caller on channel 2 from the transfer to hang-up
