@selective
Feature: Selective recording set by the routing strategy
  A call waits at a routing point, which raises EventRouteRequest to the routing strategy; its
  RequestRouteCall sends the call on with extensions: record=destination records the agent side
  from the answer, inbound and outbound; record=disable_destination records nothing on the routed
  leg, even at an extension with record=true. The extension id names the recording and must be
  unique among live ones; dest is carried to the Media Server.

  @SEL-01 @SEL-03
  Scenario Outline: record=destination records the agent side of an inbound call from the answer (<extension>, <extensions>)
    Given an agent phone on the extension "<extension>"
    And the routing strategy on the routing point "routing-point" routes with '<extensions>'
    When a caller on the trunk "inbound-trunk" calls the routing point and the agent answers
    And they talk for 2 seconds
    And the caller hangs up
    Then every RequestRouteCall was acknowledged with EventACK
    And every request got exactly one response within the profile's CTI response time
    And the Media Server received one recording of the call with the agent's DN as party side
    And the recording carries the routing strategy's id and dest, in its INVITE and its metadata
    And the recording holds the agent on channel 1 and the caller on channel 2 from answer to hang-up

    @SEL-05 @SEL-07
    Examples: with an id and a dest; at a record=true extension, one recording with the selective parameters
      | extension                  | extensions                                         |
      | agent-extension-unrecorded | record=destination, id=fresh, dest=selective/sales |
      | agent-extension-recorded   | record=destination, id=fresh, dest=selective/eu    |

    Examples: without id or dest
      | extension                  | extensions         |
      | agent-extension-unrecorded | record=destination |

  @SEL-01 @SEL-03
  Scenario Outline: record=destination records the agent side of an outbound call from the far end's answer (<extensions>)
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the routing strategy on the routing point "routing-point" routes with '<extensions>'
    When the agent calls the routing point, which routes to an external number through the trunk "inbound-trunk", and the far end answers
    And they talk for 2 seconds
    And the agent hangs up
    Then every RequestRouteCall was acknowledged with EventACK
    And the Media Server received one recording of the call with the agent's DN as party side
    And the recording carries the routing strategy's id and dest, in its INVITE and its metadata
    And the recording holds the agent on channel 1 and the far end on channel 2 from answer to hang-up

    @SEL-07
    Examples:
      | extensions                           |
      | record=destination, dest=outbound/eu |

    Examples:
      | extensions         |
      | record=destination |

  @SEL-02
  Scenario Outline: record=disable_destination leaves the routed leg unrecorded (<extension>)
    Given an agent phone on the extension "<extension>"
    And the routing strategy on the routing point "routing-point" routes with 'record=disable_destination'
    When a caller on the trunk "inbound-trunk" calls the routing point and the agent answers
    And they talk for 1 second
    And the caller hangs up
    Then every RequestRouteCall was acknowledged with EventACK
    And the Media Server received no recording INVITE

    Examples:
      | extension                  |
      | agent-extension-recorded   |
      | agent-extension-unrecorded |

  @SEL-02
  Scenario: disable_destination at a later routing point turns off what an earlier one set
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the routing strategy on the routing point "routing-point" routes on to the routing point "routing-point-2" with 'record=destination, id=fresh'
    And the routing strategy on the routing point "routing-point-2" routes with 'record=disable_destination'
    When a caller on the trunk "inbound-trunk" calls the routing point and the agent answers
    And they talk for 1 second
    And the caller hangs up
    Then every RequestRouteCall was acknowledged with EventACK
    And the Media Server received no recording INVITE

  @SEL-05
  Scenario: A RequestRouteCall whose id is live gets DuplicateId, and the call goes nowhere
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the routing strategy on the routing point "routing-point" routes with 'record=destination, id=fresh'
    When a caller on the trunk "inbound-trunk" calls the routing point and the agent answers
    And a second caller on the trunk "inbound-trunk" calls the routing point
    And the caller hangs up
    Then the routing strategy got EventError DuplicateId for its last RequestRouteCall, and no EventACK
    And the agent's phone rang 1 time
    And the Media Server received one recording of the call with the agent's DN as party side
    And the recording carries the routing strategy's id and dest, in its INVITE and its metadata
