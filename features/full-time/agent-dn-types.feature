@full-time
Feature: Full-time recording on every agent DN type
  [TServer] record=true on an Extension, an ACD Position or an Agent Login records every call of
  that agent agent-side, inbound, outbound and internal, in either codec, from the answer to the
  release; the recording INVITE carries every recording parameter. An Agent Login's recording
  follows the agent to whatever DN it is logged in on, and stays with the agent, not the DN. Under
  SIP Cluster an Agent Login records nothing, while a DN's own record=true still does.

  @MS-01
  Scenario Outline: <dn type> with record=true: an <direction> call in <codec> is recorded agent-side
    Given the phones talk <codec>
    And an agent phone on the <dn kind> "<dn role>"
    And the agent's desktop is registered on the agent's DN
    And the agent "<login role>" is logged in on the agent's DN
    When the agent has an <direction> call and it is answered
    And they talk for 1 second
    And the other party hangs up
    Then every recording INVITE carried the gir-msml parameters of an agent-side recording of the call
    And the recording holds the agent on channel 1 and the other party on channel 2 from answer to hang-up

    @FT-01
    Examples: Extension
      | dn type   | dn kind   | dn role                  | login role             | direction | codec |
      | Extension | extension | agent-extension-recorded | agent-login-unrecorded | inbound   | PCMA  |
      | Extension | extension | agent-extension-recorded | agent-login-unrecorded | outbound  | PCMA  |
      | Extension | extension | agent-extension-recorded | agent-login-unrecorded | internal  | PCMU  |
      | Extension | extension | agent-extension-recorded | agent-login-unrecorded | internal  | PCMA  |

    @FT-02
    Examples: ACD Position
      | dn type      | dn kind      | dn role               | login role             | direction | codec |
      | ACD Position | ACD position | acd-position-recorded | agent-login-unrecorded | inbound   | PCMU  |
      | ACD Position | ACD position | acd-position-recorded | agent-login-unrecorded | inbound   | PCMA  |
      | ACD Position | ACD position | acd-position-recorded | agent-login-unrecorded | outbound  | PCMU  |
      | ACD Position | ACD position | acd-position-recorded | agent-login-unrecorded | outbound  | PCMA  |
      | ACD Position | ACD position | acd-position-recorded | agent-login-unrecorded | internal  | PCMU  |
      | ACD Position | ACD position | acd-position-recorded | agent-login-unrecorded | internal  | PCMA  |

    @FT-04
    Examples: Agent Login, on an unrecorded Extension or ACD Position
      | dn type     | dn kind      | dn role                    | login role           | direction | codec |
      | Agent Login | extension    | agent-extension-unrecorded | agent-login-recorded | inbound   | PCMU  |
      | Agent Login | extension    | agent-extension-unrecorded | agent-login-recorded | inbound   | PCMA  |
      | Agent Login | extension    | agent-extension-unrecorded | agent-login-recorded | outbound  | PCMU  |
      | Agent Login | extension    | agent-extension-unrecorded | agent-login-recorded | outbound  | PCMA  |
      | Agent Login | extension    | agent-extension-unrecorded | agent-login-recorded | internal  | PCMU  |
      | Agent Login | ACD position | acd-position-unrecorded    | agent-login-recorded | internal  | PCMA  |

  @FT-01 @FT-02
  Scenario: An internal call between two recorded DNs records the called DN's side only
    Given an agent phone on the ACD position "acd-position-recorded"
    When a colleague on the extension "agent-extension-recorded" calls the agent and the agent answers
    And they talk for 1 second
    And the colleague hangs up
    Then the Media Server received one recording of the call with the agent's DN as party side
    And the recording holds the agent on channel 1 and the colleague on channel 2 from answer to hang-up

  @FT-04
  Scenario: After a recorded agent logs out, the next agent on the same DN is not recorded
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the agent's desktop is registered on the agent's DN
    And the agent "agent-login-recorded" was logged in on the agent's DN and has logged out
    And the agent "agent-login-unrecorded" is logged in on the agent's DN
    When the agent has an inbound call and it is answered
    And they talk for 1 second
    And the other party hangs up
    Then the Media Server received no recording INVITE

  @FT-05
  Scenario: Under SIP Cluster an Agent Login with record=true starts no recording
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the agent's desktop is registered on the agent's DN
    And the SUT runs as a SIP Cluster
    And the agent "agent-login-recorded" is logged in on the agent's DN
    When the agent has an inbound call and it is answered
    And they talk for 1 second
    And the other party hangs up
    Then the Media Server received no recording INVITE

  @FT-05
  Scenario: Under SIP Cluster an Extension with record=true is still recorded
    Given an agent phone on the extension "agent-extension-recorded"
    And the agent's desktop is registered on the agent's DN
    And the SUT runs as a SIP Cluster
    And the agent "agent-login-recorded" is logged in on the agent's DN
    When the agent has an outbound call and it is answered
    And they talk for 1 second
    And the other party hangs up
    Then every recording INVITE carried the gir-msml parameters of an agent-side recording of the call
    And the recording holds the agent on channel 1 and the other party on channel 2 from answer to hang-up
