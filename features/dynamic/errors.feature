@dynamic
Feature: A refused RequestPrivateService gets EventError and changes nothing
  Every request gets exactly one response. A request the SUT refuses gets EventError with the
  errorCode of the profile (PROFILE-RULES.md rule 8) and leaves the call and its recording exactly
  as they were: no recording is opened, none is cut, paused or resumed.

  Background:
    Given an agent phone on the extension "agent-extension-unrecorded"
    And the agent's desktop is registered on the agent's DN

  @DYN-05 @DYN-13
  Scenario: A desktop that has not registered ThisDN is refused
    Given the supervisor desktop has registered no DN
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the supervisor desktop requests GSIP_RECORD_START
    And they talk for 1 second
    And the caller hangs up
    Then the supervisor desktop got EventError DnNotRegistered for its last request
    And every request got exactly one response within the profile's CTI response time
    And the Media Server received no recording INVITE

  @DYN-05
  Scenario: A ThisDN that is not a party of the call is refused
    Given the supervisor desktop is registered on the extension "agent-extension-recorded"
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the supervisor desktop requests GSIP_RECORD_START for its own DN
    And they talk for 1 second
    And the caller hangs up
    Then the supervisor desktop got EventError InvalidValue for its last request
    And the Media Server received no recording INVITE

  @DYN-06 @DYN-13
  Scenario Outline: GSIP_RECORD_START on <connection> is refused with UnknownConnId
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And <before>
    And the agent's desktop requests GSIP_RECORD_START on <connection>
    Then the agent's desktop got EventError UnknownConnId for its last request
    And every request got exactly one response within the profile's CTI response time
    And the Media Server received no recording INVITE

    Examples:
      | connection              | before                 |
      | an unknown ConnectionID | they talk for 1 second |
      | the released call       | the caller hangs up    |

  @DYN-07 @DYN-11 @DYN-13
  Scenario Outline: <case> is refused with InvalidValue
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests <request>
    And they talk for 1 second
    And the caller hangs up
    Then the agent's desktop got EventError InvalidValue for its last request
    And every request got exactly one response within the profile's CTI response time
    And the Media Server received no recording INVITE

    Examples:
      | case                         | request                                  |
      | A record side that is no side | GSIP_RECORD_START with record 'sideways' |
      | An unknown PrivateMsgID      | an unknown PrivateMsgID                  |

  @DYN-12 @DYN-13
  Scenario Outline: <request> while the recording is recording gets InvalidState and loses no media
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests GSIP_RECORD_START
    And they talk for 1 second
    And the agent's desktop requests <request>
    And they talk for 1 second
    And the caller hangs up
    Then the agent's desktop got EventError InvalidState for its last request
    And every request got exactly one response within the profile's CTI response time
    And the Media Server received 1 recording session for the call
    And the recording holds the agent on channel 1 and the caller on channel 2 from the start request to hang-up

    Examples:
      | request            |
      | GSIP_RECORD_START  |
      | GSIP_RECORD_RESUME |

  @DYN-12 @DYN-13
  Scenario Outline: <request> while the recording is paused gets InvalidState and loses no media
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests GSIP_RECORD_START
    And they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_PAUSE
    And they talk for 1 second
    And the agent's desktop requests <request>
    Then the agent's desktop got EventError InvalidState for its last request
    When they talk for 1 second
    And the agent's desktop requests GSIP_RECORD_RESUME
    And they talk for 1 second
    And the caller hangs up
    Then every request got exactly one response within the profile's CTI response time
    And the Media Server received 1 recording session for the call
    And every pause and resume reached the Media Server within the profile's pause latency of its request, and every pause is padded in both channels
    And the recording holds the agent on channel 1 and the caller on channel 2 from the start request to hang-up

    Examples:
      | request           |
      | GSIP_RECORD_PAUSE |
      | GSIP_RECORD_START |

  @DYN-12
  Scenario Outline: <request> with no live recording gets InvalidState
    When a caller on the trunk "inbound-trunk" calls the agent and the agent answers
    And the agent's desktop requests <request>
    And they talk for 1 second
    And the caller hangs up
    Then the agent's desktop got EventError InvalidState for its last request
    And the Media Server received no recording INVITE

    Examples:
      | request            |
      | GSIP_RECORD_PAUSE  |
      | GSIP_RECORD_RESUME |
      | GSIP_RECORD_STOP   |
